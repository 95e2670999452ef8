package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** The executable as scripts use it: -e (repeatable), piped stdin, --format json, --pool, exit codes. */
@ExtendWith(MariaDbExtension.class)
class ManagerMainTest {
    private static int poolId;
    private final TestDatabase db;
    @TempDir
    Path dir;

    ManagerMainTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        poolId = PaperPoolFixture.insert(db.database());
    }

    record Run(int exitCode, String out, String err) {
    }

    private Path settings() throws IOException {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "db.url=" + db.jdbcUrl() + "\ndb.username=root\nmanager.historyFile="
                + dir.resolve("history") + "\n");
        return file;
    }

    private Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setErr(errStream);
        try {
            ManagerMain main = new ManagerMain(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), errStream,
                    Clock.fixed(PaperPoolFixture.NOW, ZoneOffset.UTC), false);
            int code = Launcher.run("xcp-manager", main, args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
        }
    }

    @Test
    void executeRunsEachCommandInOrder() throws IOException {
        Run run = run("", "--settings", settings().toString(), "-e", "SHOW HOSTS", "-e", "show rules host");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).startsWith("- " + PaperPoolFixture.HOST1 + " - Host1",
                "- " + PaperPoolFixture.HOST2 + " - Host2", "Rules - Balance host when:");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFailedCommandGivesANonZeroExitButTheOthersStillRun() throws IOException {
        Run run = run("", "--settings", settings().toString(), "-e", "SHOW VM nobody", "-e", "SHOW HOSTS");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).isEqualTo("xcp-manager: no VM named or with uuid 'nobody' in pool paper (SHOW VMS lists them)\n");
        assertThat(run.out()).contains("Host1", "Host2");
    }

    @Test
    void pipedCommandsRunWithoutPromptsAndRulesLastAcrossSessions() throws IOException {
        Path settings = settings();
        Run first = run("CREATE RULE HOST CpuAverage 25\n", "--settings", settings.toString());
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).doesNotContain("xcp-manager>").contains("Rule saved.");
        Run second = run("SHOW RULES HOST\n", "--settings", settings.toString());
        assertThat(second.out().lines().toList()).containsExactly("Rules - Balance host when:",
                "- CpuAverage is more than 25 % above the medium");
        assertThat(new RuleRepository(db.database()).rules(poolId)).contains(new HostRule(RuleSubject.CpuAverage, 25));
        Run third = run("DELETE RULE HOST CpuAverage\nSHOW RULES HOST\n", "--settings", settings.toString());
        assertThat(third.out()).contains("Rule deleted: CpuAverage is more than 25 % above the medium");
        assertThat(new RuleRepository(db.database()).rules(poolId)).isEmpty();
    }

    @Test
    void pipedBadInputNamesTheLineAndFailsTheRun() throws IOException {
        Run run = run("SHOW HOSTS\nCREATE RULE HOST CpuAverage 150\nSHOW RULES HOST\n", "--settings", settings().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).isEqualTo("xcp-manager: line 2: a CpuAverage threshold of 150 % can never be reached: "
                + "give at most 100 %\n");
        assertThat(run.out()).contains("Rules - Balance host when:");
    }

    @Test
    void formatJsonGivesOneParsableDocumentPerCommand() throws IOException {
        Run run = run("", "--settings", settings().toString(), "--format", "json", "-e", "SHOW VMS", "-e", "SHOW HOST Host2");
        assertThat(run.exitCode()).isZero();
        List<String> documents = run.out().lines().toList();
        assertThat(documents).hasSize(2);
        JsonNode vms = new ObjectMapper().readTree(documents.get(0));
        assertThat(vms.get("vms")).hasSize(5);
        JsonNode host = new ObjectMapper().readTree(documents.get(1)).get("host");
        assertThat(host.get("name").asText()).isEqualTo("Host2");
        assertThat(host.get("memoryTotalMb").asLong()).isEqualTo(4069);
    }

    @Test
    void poolOptionChoosesThePool() throws IOException {
        Run good = run("", "--settings", settings().toString(), "--pool", "paper", "-e", "SHOW HOSTS");
        assertThat(good.exitCode()).isZero();
        assertThat(good.out()).startsWith("- ");
        Run bad = run("", "--settings", settings().toString(), "--pool", "elsewhere", "-e", "SHOW HOSTS");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(bad.err()).isEqualTo("xcp-manager: --pool: no pool named or with uuid 'elsewhere' in the database\n");
    }

    @Test
    void missingSettingsFileIsBadInput() {
        Run run = run("", "--settings", dir.resolve("nowhere.properties").toString(), "-e", "SHOW HOSTS");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err().lines().toList()).hasSize(1).allMatch(l -> l.startsWith("xcp-manager: ") && l.contains("nowhere.properties"));
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndItsOwnExitCode() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path file = dir.resolve("down.properties");
        Files.writeString(file, "db.url=jdbc:mysql://127.0.0.1:" + closedPort + "/Xen\ndb.password=s3cret\ndb.connectTimeout=1s\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Run run = run("", "--settings", file.toString(), "-e", "SHOW HOSTS");
        assertThat(run.exitCode()).isEqualTo(ExitCode.DATABASE_UNREACHABLE.code());
        assertThat(run.err().lines().filter(l -> l.startsWith("xcp-manager: ")).toList()).hasSize(1);
        assertThat(run.err()).doesNotContain("s3cret").doesNotContain("\tat ");
    }

    @Test
    void unknownOptionIsUsageError() throws IOException {
        Run run = run("", "--settings", settings().toString(), "--colour");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    }

    /**
     * Issue 11: the real program in a child JVM, its output going to files as from cron. Its stdout is data that
     * scripts parse (reports, --format json): left as printed; its stderr (errors, warnings) is a log: stamped.
     */
    private ChildProgram.Result runChild(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--settings", settings().toString()));
        all.addAll(List.of(args));
        return ChildProgram.run(dir, ManagerMain.class, Duration.ofSeconds(90), all.toArray(String[]::new));
    }

    @Test
    void aReportIsPrintedAsIsWhileItsWarningAndErrorLinesAreStamped() throws Exception {
        ChildProgram.Result run = runChild("-e", "SHOW HOSTS", "-e", "SHOW VM nobody");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.out().lines().toList()).startsWith("- " + PaperPoolFixture.HOST1 + " - Host1",
                "- " + PaperPoolFixture.HOST2 + " - Host2");
        // The fixture's pool was collected days ago: the console warns about it first, on stderr too.
        assertThat(run.err().lines().toList()).as(run.err()).satisfiesExactly(
                warning -> assertThat(warning).matches(ChildProgram.STAMP
                        + "xcp-manager: Warning: the last collection of pool paper was .* ago .*"),
                error -> assertThat(error).matches(ChildProgram.STAMP
                        + "xcp-manager: no VM named or with uuid 'nobody' in pool paper \\(SHOW VMS lists them\\)"));
    }

    @Test
    void logFormatJsonMakesErrorsJsonAndLeavesTheJsonReportAlone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ChildProgram.Result run = runChild("--log-format", "json", "--format", "json", "-e", "SHOW HOSTS", "-e", "SHOW VM nobody");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.BAD_INPUT.code());
        JsonNode report = json.readTree(run.out().strip());
        assertThat(report.get("hosts")).as(run.out()).hasSize(2);
        assertThat(report.has("time")).as("the report is not wrapped in a log line").isFalse();
        List<String> errors = run.err().lines().toList();
        assertThat(errors).as(run.err()).hasSize(2);
        assertThat(json.readTree(errors.get(0)).get("level").asText()).as("the stale data warning").isEqualTo("WARN");
        JsonNode error = json.readTree(errors.get(1));
        assertThat(error.get("level").asText()).isEqualTo("ERROR");
        assertThat(error.get("program").asText()).isEqualTo("xcp-manager");
        assertThat(error.get("message").asText()).startsWith("no VM named or with uuid 'nobody'");
    }
}
