package org.xcpbalancer.service.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;
import static org.xcpbalancer.core.db.generated.Tables.POOL;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.execute.LaunchFence;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.execute.HostActionRefusedException;
import org.xcpbalancer.control.execute.LeasedHostGateway;
import org.xcpbalancer.control.execute.ProgressReporter;
import org.xcpbalancer.control.execute.XapiMigrationGateway;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.log.MigrationLog;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PlannedPowerAction;
import org.xcpbalancer.control.power.PowerExecutor;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.HostPowerActionRepository;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.PowerActionState;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.model.HostPower;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/**
 * The fencing token end to end: an owner paused long enough to lose its lease still believes it holds it, plans
 * a migration and asks to launch it; the epoch check refuses, the VM stays where it is, and the new owner's launch
 * of the same move goes through under the next epoch.
 */
@ExtendWith(MariaDbExtension.class)
class EpochFenceTest {
    private RunningSimulator simulator;
    private XapiMigrationGateway gateway;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private LeaseManager a;
    private LeaseManager b;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {gateway, simulator}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // test teardown
            }
        }
        if (a != null) {
            a.halt();
        }
        if (b != null) {
            b.halt();
        }
    }

    private LeaseManager manager(Database database, String name) {
        LeaseManager manager = new LeaseManager(new LeaseStore(database), name, "test", LeaseProtocolTest.TIMING,
                new LeaseManager.Listener() {
                    @Override
                    public void acquired(Lease lease) {
                    }

                    @Override
                    public void lost(Lease lease, String why) {
                    }

                    @Override
                    public boolean release(Lease lease) {
                        return true;
                    }
                }, line -> { });
        manager.configure(Set.of("main"));
        manager.start();
        return manager;
    }

    /**
     * a wins the lease, then stops renewing without a word (a long GC pause or a partition: it still believes it
     * holds the lease), and b takes the pool over. Returns the epoch a still holds.
     */
    private long takeOverFromAPausedA(Database database) throws InterruptedException {
        a = manager(database, "a");
        LeaseProtocolTest.await("a holds the pool", Duration.ofSeconds(5), () -> a.lease("main").isPresent());
        long staleEpoch = a.lease("main").get().epoch();
        a.halt();
        b = manager(database, "b");
        LeaseProtocolTest.await("b took the pool over", Duration.ofSeconds(5), () -> b.lease("main").isPresent());
        return staleEpoch;
    }

    private MigrationExecutor executor(Database database, LaunchFence fence) {
        return new MigrationExecutor(gateway, new MigrationLog(database),
                new MigrationExecutor.Limits(1, Duration.ofMinutes(1), Duration.ofMillis(200)),
                ProgressReporter.lines(new PrintStream(printed, true, StandardCharsets.UTF_8)), Clock.systemUTC(), fence);
    }

    private PlannedMove move(String vmName, String toHost) {
        SimVm vm = simulator.model().vmByName(vmName);
        var from = vm.residentOn();
        var to = simulator.model().hostByName(toHost);
        return new PlannedMove(vm.uuid(), vm.name(), vm.memoryBytes() >> 20, from.uuid(), from.name(), to.uuid(),
                to.name(), new HostRule(RuleSubject.CpuAverage, 25), "test", new Prediction(100, 50, 26, 76, 63, 63));
    }

    @Test
    void aStaleOwnersLaunchIsRefusedAndTheNewOwnersGoesThrough(TestDatabase db) throws Exception {
        Database database = db.database();
        LeaseProtocolTest.wipe(database);
        simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"), SimulatorOptions.defaults().withSpeed(4));
        gateway = XapiMigrationGateway.open(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")));
        int poolId = database.dsl().insertInto(POOL, POOL.UUID, POOL.Name).values("fence", "fence").returning(POOL.Id)
                .fetchOne().getId();

        long staleEpoch = takeOverFromAPausedA(database);
        assertThat(a.lease("main")).as("a never noticed").isPresent();

        MigrationExecutor.Report stale = executor(database, a.fence("main"))
                .run(poolId, null, List.of(), List.of(move("VM2 - Debian", "Host1")));

        assertThat(stale.count(MigrationState.CANCELLED)).isEqualTo(1);
        assertThat(simulator.model().vmByName("VM2 - Debian").residentOn().name()).as("never launched").isEqualTo("Host2");
        MigrationEntry refused = new MigrationLog(database).all(poolId).get(0);
        assertThat(refused.xapiError()).contains("xcp-service instance a lost the lease of pool main (epoch " + staleEpoch + ")");
        assertThat(refused.taskRef()).isNull();
        assertThat(database.dsl().select(MIGRATION.LeaseEpoch).from(MIGRATION).where(MIGRATION.Id.eq(refused.id()))
                .fetchOne(MIGRATION.LeaseEpoch)).as("no epoch: it was never allowed to launch").isNull();

        MigrationExecutor.Report current = executor(database, b.fence("main"))
                .run(poolId, null, List.of(), List.of(move("VM2 - Debian", "Host1")));

        assertThat(current.count(MigrationState.SUCCEEDED)).isEqualTo(1);
        assertThat(simulator.model().vmByName("VM2 - Debian").residentOn().name()).isEqualTo("Host1");
        long launchedUnder = database.dsl().select(MIGRATION.LeaseEpoch).from(MIGRATION)
                .where(MIGRATION.PoolId.eq(poolId), MIGRATION.State.eq("succeeded")).fetchOne(MIGRATION.LeaseEpoch);
        assertThat(launchedUnder).isEqualTo(b.lease("main").get().epoch()).isEqualTo(staleEpoch + 1);
    }

    @Test
    void anOwnerWhoseLeaseWasTakenOverTakesNoPowerAction(TestDatabase db) throws Exception {
        Database database = db.database();
        LeaseProtocolTest.wipe(database);
        simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"), SimulatorOptions.defaults().withSpeed(4));
        gateway = XapiMigrationGateway.open(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")));
        int poolId = database.dsl().insertInto(POOL, POOL.UUID, POOL.Name).values("fence-power", "fence-power")
                .returning(POOL.Id).fetchOne().getId();
        long staleEpoch = takeOverFromAPausedA(database);
        String host2 = simulator.model().hostByName("Host2").uuid();
        HostPowerActionRepository log = new HostPowerActionRepository(database);
        PowerExecutor stale = new PowerExecutor(log, new HostMaintenanceRepository(database), a.fence("main"),
                Clock.systemUTC());

        PowerExecutor.Result result = stale.run(poolId, 1L, List.of(
                new PlannedPowerAction(PowerActionKind.POWER_OFF, host2, "Host2", "test: consolidate", List.of(), null),
                new PlannedPowerAction(PowerActionKind.POWER_ON, host2, "Host2", "test: wake", List.of(),
                        Instant.now().plusSeconds(600))),
                new MigrationExecutor.Report(List.of()), gateway.hosts());

        assertThat(result.taken()).isEmpty();
        assertThat(result.fenced()).isEqualTo(2);
        assertThat(result.failed()).isZero();
        assertThat(result.decisions()).extracting(d -> d.reason()).containsExactly(
                "Host2 is not powered off: host.disable not sent: xcp-service instance a lost the lease of pool main"
                        + " (epoch " + staleEpoch + "): another instance owns it now",
                "Host2 is not powered on: host.power_on not sent: xcp-service instance a lost the lease of pool main"
                        + " (epoch " + staleEpoch + "): another instance owns it now");
        assertThat(simulator.model().hostByName("Host2").enabled()).as("never disabled").isTrue();
        assertThat(simulator.model().hostByName("Host2").power()).isEqualTo(HostPower.RUNNING);
        assertThat(log.latestPerHost(poolId)).allSatisfy(r -> assertThat(r.state()).isEqualTo(PowerActionState.FAILED));
        assertThat(new HostMaintenanceRepository(database).find(poolId, host2)).as("no maintenance recorded").isEmpty();
    }

    @Test
    void anOwnerWhoseLeaseWasTakenOverSendsNoMaintenanceHostCall(TestDatabase db) throws Exception {
        Database database = db.database();
        LeaseProtocolTest.wipe(database);
        simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"), SimulatorOptions.defaults());
        gateway = XapiMigrationGateway.open(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")));
        long staleEpoch = takeOverFromAPausedA(database);
        String host2 = simulator.model().hostByName("Host2").uuid();
        // what an EVACUATE HOST request makes the stale owner's control run ask (MaintenanceStep's host calls)
        LeasedHostGateway hosts = new LeasedHostGateway(gateway.hosts(), a.fence("main"), 1);

        assertThatThrownBy(() -> hosts.disable(host2)).isInstanceOfSatisfying(HostActionRefusedException.class,
                e -> assertThat(e.getMessage()).isEqualTo("host.disable refused: LEASE_LOST not sent: xcp-service"
                        + " instance a lost the lease of pool main (epoch " + staleEpoch + "): another instance owns it now"));
        assertThat(simulator.model().hostByName("Host2").enabled()).as("never disabled").isTrue();
    }
}
