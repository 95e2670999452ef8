package org.xcpbalancer.control;

import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;
import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VMSAMPLE;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xcpbalancer.collector.CollectionService;
import org.xcpbalancer.collector.CollectorSettings;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.execute.ProgressReporter;
import org.xcpbalancer.control.execute.XapiMigrationGateway;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.log.MigrationLog;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * A simulated pool under control, end to end: the XAPI simulator, the real collector writing a real MariaDB,
 * and xcp-control's service acting on it through the SDK. The simulator runs fast (pool time ×20), so RRD
 * steps of 5 s pass in a quarter of a real second.
 */
final class ControlledPool implements AutoCloseable {
    static final double SPEED = 20;
    /** Long enough for the simulator to publish a new 5 s RRD step at SPEED. */
    static final Duration RRD_STEP_REAL = Duration.ofMillis(350);

    final RunningSimulator simulator;
    final Database database;
    final TestDatabase testDatabase;
    final XapiSettings xapi;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ControlledPool(Scenario scenario, TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
        this.database = testDatabase.database();
        wipe(database);
        this.simulator = SimulatorServer.start(scenario, SimulatorOptions.defaults().withSpeed(SPEED));
        this.xapi = XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root"));
    }

    /** Each test class shares one database: each pool starts from empty tables. */
    static void wipe(Database database) {
        database.transaction(dsl -> {
            for (var table : List.of(MIGRATION, CONTROLRUN, HOSTSAMPLE, VMSAMPLE, COLLECTIONRUN, POOL)) {
                dsl.deleteFrom(table).execute();
            }
        });
    }

    /** Collects n times, one RRD step apart, so the history holds n samples of the current load. */
    void collect(int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            Thread.sleep(RRD_STEP_REAL.toMillis());
            try (CollectionService service = new CollectionService(database, CollectorSettings.defaults(),
                    Clock.systemUTC())) {
                service.collectOnce(xapi, notice -> { });
            }
        }
    }

    PoolRef pool() {
        return new PoolStateRepository(database).pools().get(0);
    }

    void rule(RuleSubject subject, double threshold) {
        new RuleRepository(database).save(pool().id(), new HostRule(subject, threshold));
    }

    ControlService service(StrategyChain strategies) {
        return service(strategies, new MigrationExecutor.Limits(1, Duration.ofMinutes(2), Duration.ofMillis(200)));
    }

    ControlService service(StrategyChain strategies, MigrationExecutor.Limits limits) {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        return new ControlService(database, strategies, limits,
                () -> XapiMigrationGateway.open(xapi), out, ProgressReporter.lines(out), Clock.systemUTC());
    }

    ControlService.RunResult control(StrategyChain strategies) throws InterruptedException {
        return service(strategies).runOnce(Optional.empty(), false);
    }

    List<MigrationEntry> migrations() {
        return new MigrationLog(database).all(pool().id());
    }

    String hostOf(String vmName) {
        return simulator.model().vmByName(vmName).residentOn().name();
    }

    /** Everything the service printed so far. */
    String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    void clearOutput() {
        printed.reset();
    }

    @Override
    public void close() {
        simulator.close();
    }

    /** Defaults, except cooldowns the test chooses (pool time runs fast, real minutes do not). */
    static StrategyChain policy(Duration vmCooldown, Duration hostCooldown) {
        return TestSettings.chain("control.vmCooldown=" + DurationFormat.format(vmCooldown),
                "control.hostCooldown=" + DurationFormat.format(hostCooldown));
    }
}
