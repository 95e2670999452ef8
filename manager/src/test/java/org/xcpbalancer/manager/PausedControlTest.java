package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.xcpbalancer.control.log.ControlRunLog;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.control.strategy.StrategyRegistry;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.db.generated.Tables;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.manager.console.OutputFormat;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * PAUSE BALANCING typed in the console stops the real controller on the simulated paper pool (collected by the
 * real collector): it records a PAUSED decision and moves nothing; an expired pause does not; after RESUME
 * BALANCING it moves a VM, and SHOW DECISIONS says why, for the pool and for the VM.
 */
@ExtendWith(MariaDbExtension.class)
class PausedControlTest {
    private static final double SPEED = 20;
    private static final Duration RRD_STEP_REAL = Duration.ofMillis(350);
    private static final String USER = System.getProperty("user.name");

    @Test
    void aPausedPoolMovesNothingUntilResumedAndTheDecisionsSayWhy(TestDatabase db, @TempDir Path dir) throws Exception {
        Path noSettings = Files.writeString(dir.resolve("settings.properties"), "");
        StrategyChain strategies = StrategyRegistry.chain(new SettingsLoader(Map.of()).read(noSettings));
        try (RunningSimulator simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"),
                SimulatorOptions.defaults().withSpeed(SPEED))) {
            XapiSettings xapi = XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root"));
            ConsoleDriver console = new ConsoleDriver(db.database()).at(Clock.systemUTC());
            collect(xapi, db, strategies.samplesNeeded());
            assertThat(console.piped("CREATE RULE HOST CpuAverage 25").exitCode()).isEqualTo(ExitCode.OK);

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            ControlService control = new ControlService(db.database(), strategies,
                    new MigrationExecutor.Limits(1, Duration.ofMinutes(2), Duration.ofMillis(200)),
                    () -> XapiMigrationGateway.open(xapi), out, ProgressReporter.lines(out), Clock.systemUTC());

            // a pause typed two hours ago for one hour has expired: the controller plans as usual
            new ConsoleDriver(db.database()).at(Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                    .piped("PAUSE BALANCING FOR 1h REASON yesterday's maintenance");
            assertThat(control.runOnce(Optional.empty(), true).outcome()).isEqualTo(ControlRunLog.Outcome.PLANNED);

            assertThat(console.piped("PAUSE BALANCING FOR 1h REASON firmware upgrade").exitCode()).isEqualTo(ExitCode.OK);
            printed.reset();
            ControlService.RunResult paused = control.runOnce(Optional.empty(), false);
            String said = printed.toString(StandardCharsets.UTF_8);
            assertThat(paused.outcome()).as(said).isEqualTo(ControlRunLog.Outcome.PAUSED);
            assertThat(paused.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(said).containsOnlyOnce("PAUSED: balancing of pool Main Pool is paused by " + USER)
                    .contains("(firmware upgrade): nothing decided (RESUME BALANCING in xcp-manager ends it)")
                    .doesNotContain("MOVE:");
            assertThat(db.database().dsl().fetchCount(Tables.MIGRATION)).isZero();

            List<String> decisions = console.piped("SHOW DECISIONS LIMIT 1").outLines();
            assertThat(decisions.get(0)).startsWith("WHEN (UTC)").contains("ACTION", "REASON");
            assertThat(decisions.get(1)).contains("PAUSED", "balancing of pool Main Pool is paused by " + USER);
            assertThat(console.piped("SHOW STATUS").outLines()).anyMatch(l -> l.startsWith("  Balancing:   PAUSED by " + USER))
                    .anyMatch(l -> l.matches("  Controlled:  \\d+ s ago \\(paused\\)"));

            console.piped("RESUME BALANCING");
            ControlService.RunResult resumed = control.runOnce(Optional.empty(), false);
            assertThat(resumed.outcome()).as(printed.toString(StandardCharsets.UTF_8))
                    .isEqualTo(ControlRunLog.Outcome.MIGRATED);
            collect(xapi, db, 1);

            String movedVm = db.database().dsl().fetchOne(Tables.MIGRATION).getVmName();
            List<String> aboutVm = console.piped("SHOW DECISIONS VM " + movedVm).outLines();
            // the real run's MOVE, the dry run's (marked), and the pool-wide PAUSED that held it back
            assertThat(aboutVm).anyMatch(l -> l.contains(" MOVE ") && !l.contains("(dry)") && l.contains(movedVm + ": Host2 -> Host1"))
                    .anyMatch(l -> l.contains(" MOVE ") && l.contains("(dry)"))
                    .anyMatch(l -> l.contains(" PAUSED "));
            JsonNode json = new ObjectMapper().readTree(console.format(OutputFormat.JSON)
                    .piped("SHOW DECISIONS VM " + movedVm).out());
            assertThat(json.get("vm").asText()).isEqualTo(movedVm);
            assertThat(json.get("decisions")).anyMatch(d -> d.get("action").asText().equals("MOVE")
                    && !d.get("dryRun").asBoolean() && d.get("vmName").asText().equals(movedVm));
            assertThat(json.get("decisions")).allMatch(d -> d.get("vmName").isNull() || d.get("vmName").asText().equals(movedVm));
        }
    }

    private static void collect(XapiSettings xapi, TestDatabase db, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            Thread.sleep(RRD_STEP_REAL.toMillis());
            PaperPoolFixture.collect(xapi, db.database());
        }
    }
}
