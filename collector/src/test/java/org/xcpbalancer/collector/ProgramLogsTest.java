package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 11: what xcp-collect writes into a file (cron, systemd, a pipe to a log shipper) says when it happened.
 * The real program runs in a child JVM with stdout and stderr going to files, as from cron.
 */
@ExtendWith(MariaDbExtension.class)
class ProgramLogsTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String ISO_8601 = ChildProgram.STAMP;

    @TempDir
    Path dir;

    @Test
    void everyLineInAFileStartsWithAnIso8601Timestamp(TestDatabase database) throws Exception {
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults())) {
            ChildProgram.Result run = collect(database, simulator.masterUrl().toString());
            assertThat(run.exitCode()).as(run.all()).isZero();
            List<String> out = run.out().lines().toList();
            assertThat(out).singleElement().asString().matches(ISO_8601 + "Collected pool Main Pool: 2 hosts, .*");
            OffsetDateTime stamped = OffsetDateTime.parse(out.get(0).substring(0, out.get(0).indexOf(' ')));
            assertThat(Duration.between(stamped, OffsetDateTime.now())).isBetween(Duration.ZERO, LIMIT);
        }
        ChildProgram.Result failed = collect(database, "http://127.0.0.1:" + closedPort());
        assertThat(failed.exitCode()).isEqualTo(ExitCode.POOL_UNREACHABLE.code());
        assertThat(failed.err().lines().toList()).as(failed.err()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches(ISO_8601 + "xcp-collect: .*"));
    }

    @Test
    void jsonFormatWritesOneObjectPerLine(TestDatabase database) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults())) {
            ChildProgram.Result run = collect(database, simulator.masterUrl().toString(), "--log-format", "json");
            assertThat(run.exitCode()).as(run.all()).isZero();
            JsonNode line = json.readTree(run.out().lines().findFirst().orElseThrow());
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("program").asText()).isEqualTo("xcp-collect");
            assertThat(line.get("message").asText()).startsWith("Collected pool Main Pool: 2 hosts");
            assertThat(OffsetDateTime.parse(line.get("time").asText())).isBefore(OffsetDateTime.now());
        }
        ChildProgram.Result failed = collect(database, "http://127.0.0.1:" + closedPort(), "--log-format=json");
        JsonNode error = json.readTree(failed.err().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(error.get("level").asText()).isEqualTo("ERROR");
        assertThat(error.get("message").asText()).as("the program is a field, not repeated").doesNotStartWith("xcp-collect");
    }

    @Test
    void aWrongLogFormatIsOneLineAndBadInput() throws Exception {
        ChildProgram.Result run = ChildProgram.run(dir, CollectorMain.class, LIMIT, "--log-format", "xml");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err().lines().toList()).singleElement().asString().matches(ISO_8601 + "xcp-collect: .*--log-format.*xml.*");
    }

    private ChildProgram.Result collect(TestDatabase database, String xapiUrl, String... extra) throws Exception {
        Path settings = Files.createTempFile(dir, "settings", ".properties");
        Files.writeString(settings, "xapi.url=" + xapiUrl + "\nxapi.password=root\nxapi.connectTimeout=1s\n"
                + "db.url=" + database.jdbcUrl() + "\ndb.username=root\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
        String[] args = new String[extra.length + 2];
        args[0] = "--settings";
        args[1] = settings.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return ChildProgram.run(dir, CollectorMain.class, LIMIT, args);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
