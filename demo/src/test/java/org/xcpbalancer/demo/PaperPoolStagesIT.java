package org.xcpbalancer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The original paper's pool through every real executable, stage by stage, checking what the administrator sees
 * in xcp-manager after each: collected, rule defined, dry run, one migration, quiet afterwards.
 */
@ExtendWith(MariaDbExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaperPoolStagesIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private final Programs programs = Programs.fromEnvironment();
    private SimulatorProcess simulator;
    private Path settings;
    private TestDatabase db;

    @TempDir
    Path dir;

    @BeforeAll
    void startPool(TestDatabase db) throws Exception {
        this.db = db;
        simulator = SimulatorProcess.start(programs, programs.home().resolve("simulator/scenarios/paper-unbalanced.json"), List.of());
        settings = DemoSettings.write(Path.of("target", "it-paper", "settings.properties").toAbsolutePath(),
                simulator.url(), db.jdbcUrl(), "");
    }

    @AfterAll
    void stopPool() throws Exception {
        if (simulator != null) {
            assertThat(simulator.stop()).as("xcp-sim exits cleanly on SIGTERM").isZero();
        }
    }

    private ProgramRun run(String program, String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("--settings", settings.toString()));
        all.addAll(List.of(arguments));
        return programs.run(program, all, TIMEOUT);
    }

    private ProgramRun ok(String program, String... arguments) throws Exception {
        ProgramRun run = run(program, arguments);
        assertThat(run.exitCode()).as("%s\n%s\n%s", run.commandLine(), run.stdoutText(), run.stderrText()).isZero();
        return run;
    }

    private String manager(String... commands) throws Exception {
        List<String> arguments = new ArrayList<>();
        for (String command : commands) {
            arguments.add("-e");
            arguments.add(command);
        }
        return ok("xcp-manager", arguments.toArray(String[]::new)).stdoutText();
    }

    @Test
    @Order(1)
    void collectorWritesThePoolAsThePaperDescribesIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            // into a pipe, each line starts with its ISO-8601 timestamp (docs/operations.md, Logs)
            assertThat(ok("xcp-collect").stdout()).singleElement().asString()
                    .matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:\\d\\d) Collected pool Main Pool: 2 hosts, 5 VMs.*");
        }
        String vm2 = manager("SHOW VM VM2 - Debian");
        assertThat(vm2).contains("Name - VM2 - Debian", "Total Memory (MB) - 256", "VCpu Number - 2",
                "Power State - Running", "Control Domain - false", "VCpu Average - 100%");
        String host2 = manager("SHOW HOST Host2");
        assertThat(host2).contains("Name - Host2", "Cpu Number - 4", "Cpu Load Average - 100%");
        assertThat(manager("SHOW HOST Host1")).containsPattern("Cpu Load Average - 2[5-7]%");
        assertThat(manager("SHOW VMS")).contains("- Control domain on host: Host1", "- VM1 - Debian", "- VM3 - Ubuntu");
    }

    @Test
    @Order(2)
    void ruleDefinedInTheManagerIsThere() throws Exception {
        String created = manager("CREATE RULE HOST CpuAverage 25");
        assertThat(created).contains("When CpuAverage is more than 25 % above the medium migrate to the less loaded host");
        assertThat(manager("SHOW RULES HOST")).contains("Rules - Balance host when:", "- CpuAverage is more than 25 % above the medium");
    }

    @Test
    @Order(3)
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        ProgramRun dryRun = ok("xcp-control", "--dry-run");
        assertThat(dryRun.stdoutText()).contains("Host2").contains("Host1");
        assertThat(db.database().dsl().fetchCount(MIGRATION)).isZero();
        assertThat(manager("SHOW VMS FULL")).containsPattern("VM2 - Debian.*Host2");
    }

    @Test
    @Order(4)
    void controllerMovesExactlyOneVmFromHost2ToHost1() throws Exception {
        ProgramRun control = ok("xcp-control");
        assertThat(control.stdoutText()).contains("Migrating ");
        var migrations = db.database().dsl().selectFrom(MIGRATION).fetch();
        assertThat(migrations).singleElement().satisfies(m -> {
            assertThat(m.getState()).isEqualTo("succeeded");
            assertThat(m.getSourceHostName()).isEqualTo("Host2");
            assertThat(m.getDestinationHostName()).isEqualTo("Host1");
            assertThat(m.getVmName()).isIn("VM2 - Debian", "VM3 - Ubuntu");
        });
        assertThat(manager("SHOW MIGRATIONS")).contains(migrations.get(0).getVmName()).contains("succeeded");
    }

    @Test
    @Order(5)
    void afterTheMoveThePoolObeysTheRuleAndLaterRunsMoveNothing() throws Exception {
        Thread.sleep(DemoRun.SETTLE_AFTER_MIGRATION.toMillis());
        ok("xcp-collect");
        String moved = db.database().dsl().selectFrom(MIGRATION).fetchOne().getVmName();
        assertThat(manager("SHOW VMS FULL")).containsPattern(Pattern.quote(moved) + ".*Host1");
        assertThat(manager("SHOW HOST Host2")).doesNotContain("Cpu Load Average - 100%");
        ok("xcp-collect");
        ok("xcp-control");
        ok("xcp-control");
        assertThat(db.database().dsl().fetchCount(MIGRATION)).as("later runs move nothing").isEqualTo(1);
    }

    @Test
    @Order(6)
    void badInputGetsOneLineAndItsOwnExitCode() throws Exception {
        ProgramRun unknownVm = run("xcp-manager", "-e", "SHOW VM no-such-vm");
        assertThat(unknownVm.exitCode()).isEqualTo(2);
        assertThat(unknownVm.stderrText()).doesNotContain("Exception").doesNotContain("\tat ");

        Path wrongPassword = DemoSettings.write(dir.resolve("wrong.properties"), simulator.url(), db.jdbcUrl(), "");
        Files.writeString(wrongPassword, Files.readString(wrongPassword)
                .replace("xapi.password=root", "xapi.password=not-root"));
        ProgramRun refused = programs.run("xcp-collect", List.of("--settings", wrongPassword.toString()), TIMEOUT);
        assertThat(refused.exitCode()).as(refused.stderrText()).isEqualTo(4);
        assertThat(refused.stderr()).hasSize(1);
        assertThat(refused.stderrText()).doesNotContain("not-root");

        Path noDatabase = DemoSettings.write(dir.resolve("nodb.properties"), simulator.url(), "jdbc:mysql://127.0.0.1:1/Xen", "");
        ProgramRun unreachable = programs.run("xcp-collect", List.of("--settings", noDatabase.toString()), TIMEOUT);
        assertThat(unreachable.exitCode()).as(unreachable.stderrText()).isEqualTo(5);

        Path badSettings = dir.resolve("bad.properties");
        Files.writeString(badSettings, "db.url=jdbc:mysql://h/Xen\ncontrol.vmCooldown=-5m\n");
        ProgramRun bad = programs.run("xcp-control", List.of("--settings", badSettings.toString()), TIMEOUT);
        assertThat(bad.exitCode()).isEqualTo(2);
        // one line, timestamped as every line xcp-control writes to a pipe, then the exact message
        assertThat(bad.stderr()).singleElement().asString().matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:\\d\\d) .*")
                .endsWith(" xcp-control: " + badSettings
                        + ": control.vmCooldown: '-5m' is negative; expected a duration of 0 or more, such as 30s, 5m or 1h");

        Path badScenario = dir.resolve("pool.json");
        Files.writeString(badScenario, "{\"pool\": \"P\", \"hosts\": [{\"name\": \"Host1\", \"cpus\": 4, \"memoryMb\": 4069, \"master\": true}],"
                + " \"vms\": [{\"name\": \"VM1\", \"host\": \"Host9\", \"vcpus\": 1, \"memoryMb\": 512, \"cpu\": 0.5}]}");
        ProgramRun sim = programs.run("xcp-sim", List.of("--scenario", badScenario.toString()), TIMEOUT);
        assertThat(sim.exitCode()).isEqualTo(2);
        assertThat(sim.stderrText()).contains("pool.json").contains("vms[0].host").contains("Host9");
    }
}
