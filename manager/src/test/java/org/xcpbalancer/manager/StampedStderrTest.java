package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.manager.status.StatusCheckMain;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 11 for the programs whose stdout is data: xcp-manager's reports and xcp-status's Nagios line are read by
 * scripts and monitoring, so they stay exactly as printed into a file or pipe; their stderr (errors, warnings) is a
 * log and is stamped. The real programs run in child JVMs with stdout and stderr going to files, as from cron.
 */
@ExtendWith(MariaDbExtension.class)
class StampedStderrTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private final TestDatabase db;
    @TempDir
    Path dir;

    StampedStderrTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        PaperPoolFixture.insert(db.database());
    }

    @Test
    void aReportIsPrintedAsIsWhileItsWarningAndErrorLinesAreStamped() throws Exception {
        ChildProgram.Result run = ChildProgram.run(dir, ManagerMain.class, LIMIT, "--settings", settings().toString(),
                "-e", "SHOW HOSTS", "-e", "SHOW VM nobody");

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
        ChildProgram.Result run = ChildProgram.run(dir, ManagerMain.class, LIMIT, "--settings", settings().toString(),
                "--log-format", "json", "--format", "json", "-e", "SHOW HOSTS", "-e", "SHOW VM nobody");

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

    @Test
    void theNagiosLineIsPrintedAsIsWhileASettingsWarningIsStamped() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path settings = dir.resolve("status.properties");
        Files.writeString(settings, "db.url=jdbc:mysql://127.0.0.1:" + closedPort + "/Xen\ndb.username=xcp\n"
                + "db.password=secret\ndb.connectTimeout=1s\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-r--r--"));

        ChildProgram.Result run = ChildProgram.run(dir, StatusCheckMain.class, LIMIT, "--settings", settings.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.out().lines().toList()).singleElement().asString().startsWith("CRITICAL - ");
        assertThat(run.err().lines().toList()).singleElement().asString()
                .matches(ChildProgram.STAMP + "xcp-status: warning: .*status\\.properties holds a password.*");
    }

    private Path settings() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "db.url=" + db.jdbcUrl() + "\ndb.username=root\nmanager.historyFile="
                + dir.resolve("history") + "\n");
        return file;
    }
}
