package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorMain;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 11: xcp-sim --export-scenario writes the pool's rules beside the scenario; fed to xcp-manager once the
 * copy is collected, they are the copy's rules, and the copy's controller balances by them: nothing retyped.
 */
@ExtendWith(MariaDbExtension.class)
class ExportedRulesTest {
    private static final double SPEED = 20;
    private static final Duration RRD_STEP_REAL = Duration.ofMillis(350);

    @Test
    void theCopyGetsThePoolsRulesAndItsControllerBalancesByThem(TestDatabase db, @TempDir Path dir) throws Exception {
        Path settings = Files.writeString(dir.resolve("settings.properties"), "db.url=" + db.jdbcUrl() + "\ndb.username=root\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
        StrategyChain strategies = StrategyRegistry.chain(new SettingsLoader(Map.of())
                .read(Files.writeString(dir.resolve("empty.properties"), "")));
        ConsoleDriver console = new ConsoleDriver(db.database()).at(Clock.systemUTC());
        Path scenario = dir.resolve("my-pool.json");
        try (RunningSimulator real = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"),
                SimulatorOptions.defaults().withSpeed(SPEED))) {
            collect(XapiSettings.plain(real.masterUrl(), "root", Secret.of("root")), db, 1);
            // The AND and SCORE rules are far from firing here: they travel with the pool all the same.
            assertThat(console.piped("CREATE RULE HOST CpuAverage 25",
                    "CREATE RULE HOST CpuAverage 90 AND OccupiedMemoryPercent 90",
                    "CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 90").err()).isEmpty();
            assertThat(Launcher.run("xcp-sim", new SimulatorMain(), new String[] {"--export-scenario", scenario.toString(),
                    "--settings", settings.toString()})).isZero();
        }
        Path rules = dir.resolve("my-pool.rules");
        assertThat(Files.readString(rules)).contains("CREATE RULE HOST CpuAverage 25\n",
                "CREATE RULE HOST CpuAverage 90 AND OccupiedMemoryPercent 90\n",
                "CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 90\n");

        try (RunningSimulator copy = SimulatorServer.start(ScenarioLoader.load(scenario),
                SimulatorOptions.defaults().withSpeed(SPEED))) {
            XapiSettings xapi = XapiSettings.plain(copy.masterUrl(), "root", Secret.of("root"));
            collect(xapi, db, strategies.samplesNeeded());
            String copyName = ScenarioLoader.load(scenario).poolName();
            List<String> script = new ArrayList<>(Files.readAllLines(rules));
            script.add("SHOW RULES HOST");
            var given = console.piped(script.toArray(String[]::new));
            assertThat(given.err()).isEmpty();
            assertThat(given.out()).contains("- CpuAverage is more than 25 % above the medium",
                    "- CpuAverage is more than 90 % above the medium and OccupiedMemoryPercent is more than 90 % above the medium",
                    "- the score CpuAverage*0.7 + OccupiedMemoryPercent*0.3 is more than 90 % above the medium");

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            new ControlService(db.database(), strategies, new MigrationExecutor.Limits(1, Duration.ofMinutes(2), Duration.ofMillis(200)),
                    () -> XapiMigrationGateway.open(xapi), out, ProgressReporter.lines(out), Clock.systemUTC())
                    .runOnce(Optional.of(copyName), false);
            assertThat(console.piped("USE POOL " + copyName, "SHOW MIGRATIONS").out())
                    .as(printed.toString(StandardCharsets.UTF_8)).contains("CpuAverage > 25", "succeeded");
        }
    }

    private static void collect(XapiSettings xapi, TestDatabase db, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            Thread.sleep(RRD_STEP_REAL.toMillis());
            PaperPoolFixture.collect(xapi, db.database());
        }
    }
}
