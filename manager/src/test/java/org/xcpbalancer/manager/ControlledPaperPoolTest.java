package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.control.ControlService;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.execute.ProgressReporter;
import org.xcpbalancer.control.execute.XapiMigrationGateway;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.control.strategy.StrategyRegistry;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The console in the whole loop: the rule is created in the console, the real controller enforces it on the
 * simulated paper pool (collected by the real collector), and the console shows the controller's log, its run
 * and the VM's new host.
 */
@ExtendWith(MariaDbExtension.class)
class ControlledPaperPoolTest {
    /** Pool time runs 20× faster, so a 5 s RRD step passes in a quarter of a real second. */
    private static final double SPEED = 20;
    private static final Duration RRD_STEP_REAL = Duration.ofMillis(350);

    @Test
    void theRuleTypedInTheConsoleMovesOneVmAndTheConsoleShowsIt(TestDatabase db, @TempDir Path dir) throws Exception {
        Path noSettings = Files.writeString(dir.resolve("settings.properties"), "");
        StrategyChain strategies = StrategyRegistry.chain(new SettingsLoader(Map.of()).read(noSettings));
        try (RunningSimulator simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"),
                SimulatorOptions.defaults().withSpeed(SPEED))) {
            XapiSettings xapi = XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root"));
            ConsoleDriver console = new ConsoleDriver(db.database()).at(Clock.systemUTC());
            collect(xapi, db, strategies.samplesNeeded());

            var typed = console.interactive("CREATE RULE HOST", "CpuAverage", "25", "Y");
            assertThat(typed.out()).contains("Rule saved.");

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            ControlService control = new ControlService(db.database(), strategies,
                    new MigrationExecutor.Limits(1, Duration.ofMinutes(2), Duration.ofMillis(200)),
                    () -> XapiMigrationGateway.open(xapi), out, ProgressReporter.lines(out), Clock.systemUTC());
            control.runOnce(Optional.empty(), false);
            collect(xapi, db, 2);

            List<String> migrations = console.piped("SHOW MIGRATIONS").outLines();
            assertThat(migrations).as(printed.toString(StandardCharsets.UTF_8)).hasSize(2);
            assertThat(migrations.get(1)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  VM[23] - \\S+ +Host2  Host1  "
                    + "CpuAverage > 25  \\S+ -> \\S+ / \\S+ -> \\S+ +\\S+ / \\S+ +succeeded +\\S+ m?s");

            String movedVm = migrations.get(1).substring(21, 33);
            assertThat(console.piped("SHOW VMS LIKE '" + movedVm + "'").outLines().get(2)).contains(movedVm + "  Host1");
            List<String> runs = console.piped("SHOW RUNS").outLines();
            assertThat(runs).anyMatch(l -> l.contains(" control ") && l.contains("migrated"));
            assertThat(runs).anyMatch(l -> l.contains(" collect ") && l.contains("success"));
        }
    }

    private static void collect(XapiSettings xapi, TestDatabase db, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            Thread.sleep(RRD_STEP_REAL.toMillis());
            PaperPoolFixture.collect(xapi, db.database());
        }
    }
}
