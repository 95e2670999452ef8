package org.xcpbalancer.control.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.POOL;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.log.MigrationLog;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The executor against the XAPI simulator through the SDK, with the migration log in a real MariaDB: launch,
 * follow, failure, timeout, refusal by VM.assert_can_boot_here, and adopting a task an earlier controller left.
 */
@ExtendWith(MariaDbExtension.class)
class MigrationExecutorTest {
    private static final Duration POLL = Duration.ofMillis(200);

    private RunningSimulator simulator;
    private XapiMigrationGateway gateway;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private void start(String scenarioName) throws Exception {
        simulator = SimulatorServer.start(ScenarioLoader.builtin(scenarioName), SimulatorOptions.defaults().withSpeed(4));
        gateway = XapiMigrationGateway.open(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")));
    }

    private MigrationExecutor executor(Database database, Duration timeout) {
        return new MigrationExecutor(gateway, new MigrationLog(database), new MigrationExecutor.Limits(1, timeout, POLL),
                // a progress line at every poll after the first, so this short simulated migration shows one
                ProgressReporter.lines(new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC(),
                        Duration.ZERO), Clock.systemUTC());
    }

    private static int pool(Database database, String uuid) {
        return database.dsl().insertInto(POOL, POOL.UUID, POOL.Name).values(uuid, uuid).returning(POOL.Id).fetchOne()
                .getId();
    }

    private PlannedMove move(String vmName, String toHost) {
        SimVm vm = simulator.model().vmByName(vmName);
        var from = vm.residentOn();
        var to = simulator.model().hostByName(toHost);
        return new PlannedMove(vm.uuid(), vm.name(), vm.memoryBytes() >> 20, from.uuid(), from.name(), to.uuid(),
                to.name(), new HostRule(RuleSubject.CpuAverage, 25), "test", new Prediction(100, 50, 26, 76, 63, 63));
    }

    private String hostOf(String vmName) {
        return simulator.model().vmByName(vmName).residentOn().name();
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMigrationIsLoggedLaunchedFollowedAndItsTaskDestroyed(TestDatabase db) throws Exception {
        start("paper-unbalanced");
        int poolId = pool(db.database(), "exec-ok");

        MigrationExecutor.Report report = executor(db.database(), Duration.ofMinutes(1))
                .run(poolId, null, List.of(), List.of(move("VM2 - Debian", "Host1")));

        assertThat(report.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(hostOf("VM2 - Debian")).isEqualTo("Host1");
        MigrationEntry entry = new MigrationLog(db.database()).all(poolId).get(0);
        assertThat(entry.state()).isEqualTo(MigrationState.SUCCEEDED);
        assertThat(entry.taskRef()).startsWith("OpaqueRef:");
        assertThat(entry.durationMs()).isPositive();
        assertThat(gateway.poll(entry.taskRef()).state()).as("task destroyed")
                .isEqualTo(MigrationGateway.TaskStatus.State.GONE);
        assertThat(output()).contains("Migrating VM2 - Debian from Host2 to Host1 (live, task OpaqueRef:",
                "VM2 - Debian: Host2 -> Host1: done in")
                .containsPattern("VM2 - Debian: Host2 -> Host1: \\d+%, \\d+ of 256 MB copied at \\d+ MB/s, about \\S+ left");
    }

    @Test
    void aFailedMigrationIsLoggedWithXapisError(TestDatabase db) throws Exception {
        start("paper-unbalanced");
        simulator.admin().setMigrationFailureShare(1.0);
        int poolId = pool(db.database(), "exec-failed");

        MigrationExecutor.Report report = executor(db.database(), Duration.ofMinutes(1))
                .run(poolId, null, List.of(), List.of(move("VM2 - Debian", "Host1")));

        assertThat(report.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(hostOf("VM2 - Debian")).isEqualTo("Host2");
        MigrationEntry entry = new MigrationLog(db.database()).all(poolId).get(0);
        assertThat(entry.state()).isEqualTo(MigrationState.FAILED);
        assertThat(entry.xapiError()).startsWith("VM_MIGRATE_FAILED");
        assertThat(output()).contains("VM2 - Debian: Host2 -> Host1: failed after");
    }

    @Test
    void aMigrationStillRunningAtTheTimeoutIsCancelled(TestDatabase db) throws Exception {
        start("paper-unbalanced");
        simulator.admin().setHangMigrations(true);
        int poolId = pool(db.database(), "exec-timeout");

        MigrationExecutor.Report report = executor(db.database(), Duration.ofSeconds(2))
                .run(poolId, null, List.of(), List.of(move("VM2 - Debian", "Host1")));

        assertThat(report.exitCode()).isEqualTo(ExitCode.TIMEOUT);
        MigrationEntry entry = new MigrationLog(db.database()).all(poolId).get(0);
        assertThat(entry.state()).isEqualTo(MigrationState.TIMEOUT);
        assertThat(entry.xapiError()).contains("still running after control.migrationTimeout 2s", "task cancelled");
        simulator.admin().setHangMigrations(false);
        Thread.sleep(1500);
        assertThat(hostOf("VM2 - Debian")).as("the cancelled migration never completes").isEqualTo("Host2");
    }

    @Test
    void aDestinationThatCannotTakeTheVmNowIsNotLaunched(TestDatabase db) throws Exception {
        // Host1 has 2048 MB: dom0 (752) and VM1 (1024) leave 272 MB, VM3 needs 1024 (the plan's data may be old).
        simulator = SimulatorServer.start(ScenarioLoader.parse("""
                {"pool": "Small", "hosts": [{"name": "Host1", "cpus": 4, "memoryMb": 2048, "master": true},
                                            {"name": "Host2", "cpus": 4, "memoryMb": 8192}],
                 "vms": [{"name": "VM1", "host": "Host1", "vcpus": 2, "memoryMb": 1024, "cpu": 0.5},
                         {"name": "VM3", "host": "Host2", "vcpus": 3, "memoryMb": 1024, "cpu": 0.67}]}
                """, "small.json"), SimulatorOptions.defaults());
        gateway = XapiMigrationGateway.open(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")));
        int poolId = pool(db.database(), "exec-refused");
        PlannedMove planned = move("VM3", "Host1");

        MigrationExecutor.Report report = executor(db.database(), Duration.ofMinutes(1))
                .run(poolId, null, List.of(), List.of(planned));

        MigrationEntry entry = new MigrationLog(db.database()).all(poolId).get(0);
        assertThat(entry.state()).isEqualTo(MigrationState.CANCELLED);
        assertThat(entry.xapiError()).startsWith("HOST_NOT_ENOUGH_FREE_MEMORY");
        assertThat(entry.taskRef()).as("never launched").isNull();
        assertThat(report.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(hostOf("VM3")).isEqualTo("Host2");
        assertThat(output()).contains("VM3: Host2 -> Host1: not launched: Host1 cannot take it now (HOST_NOT_ENOUGH_FREE_MEMORY");
    }

    @Test
    void aMigrationLeftInFlightIsFollowedNotLaunchedAgain(TestDatabase db) throws Exception {
        start("paper-unbalanced");
        int poolId = pool(db.database(), "exec-adopt");
        MigrationLog log = new MigrationLog(db.database());
        // What a controller killed mid-migration leaves behind: the row launched with its task, nobody following.
        simulator.admin().setHangMigrations(true);
        PlannedMove move = move("VM2 - Debian", "Host1");
        long id = log.planned(poolId, null, move, java.time.Instant.now());
        String task = gateway.launch(move.vmUuid(), move.destinationUuid());
        log.launched(id, task, java.time.Instant.now());
        simulator.admin().setHangMigrations(false);

        MigrationExecutor.Report report = executor(db.database(), Duration.ofMinutes(1))
                .run(poolId, null, log.inFlight(poolId), List.of());

        assertThat(report.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(report.outcomes()).singleElement().extracting(MigrationExecutor.Outcome::state)
                .isEqualTo(MigrationState.SUCCEEDED);
        assertThat(log.all(poolId)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.state()).isEqualTo(MigrationState.SUCCEEDED);
        });
        assertThat(hostOf("VM2 - Debian")).isEqualTo("Host1");
        assertThat(output()).contains("Following VM2 - Debian: Host2 -> Host1", "not launching it again")
                .doesNotContain("Migrating VM2");
    }

    @Test
    void aVmWithAnOperationInProgressInThePoolIsNotLaunched(TestDatabase db) throws Exception {
        start("paper-unbalanced");
        int poolId = pool(db.database(), "exec-busy");
        // Someone else (XenCenter, another tool) migrates the VM; the migration log knows nothing of it.
        simulator.admin().setHangMigrations(true);
        PlannedMove move = move("VM2 - Debian", "Host1");
        String theirs = gateway.launch(move.vmUuid(), move.destinationUuid());

        MigrationExecutor.Report report = executor(db.database(), Duration.ofMinutes(1))
                .run(poolId, null, List.of(), List.of(move));

        assertThat(report.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(new MigrationLog(db.database()).all(poolId)).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(MigrationState.CANCELLED);
            assertThat(e.taskRef()).as("never launched").isNull();
            assertThat(e.xapiError()).isEqualTo("not launched: the VM has an operation in progress in the pool"
                    + " (pool_migrate, task " + theirs + ")");
        });
        gateway.cancel(theirs);
    }

    @Test
    void aRowLeftPlannedIsSettledFromWhereTheVmIsWhenNothingIsInFlight(TestDatabase db) throws Exception {
        start("paper-unbalanced");
        int poolId = pool(db.database(), "exec-settle");
        MigrationLog log = new MigrationLog(db.database());
        // Two controllers stopped around a launch: one's migration ran to its end, the other's never started.
        PlannedMove moved = move("VM2 - Debian", "Host1");
        long movedId = log.planned(poolId, null, moved, java.time.Instant.now());
        String task = gateway.launch(moved.vmUuid(), moved.destinationUuid());
        while (!gateway.poll(task).ended()) {
            Thread.sleep(50);
        }
        long notMovedId = log.planned(poolId, null, move("VM3 - Ubuntu", "Host1"), java.time.Instant.now());

        MigrationExecutor.Report report = executor(db.database(), Duration.ofMinutes(1))
                .run(poolId, null, log.inFlight(poolId), List.of());

        assertThat(report.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(log.byId(movedId).orElseThrow()).satisfies(e -> {
            assertThat(e.state()).isEqualTo(MigrationState.SUCCEEDED);
            assertThat(e.xapiError()).startsWith("adopted: found on its destination");
        });
        assertThat(log.byId(notMovedId).orElseThrow()).satisfies(e -> {
            assertThat(e.state()).isEqualTo(MigrationState.CANCELLED);
            assertThat(e.xapiError()).startsWith("not launched: ");
        });
        assertThat(hostOf("VM3 - Ubuntu")).isEqualTo("Host2");
        assertThat(output()).doesNotContain("Migrating ");
    }
}
