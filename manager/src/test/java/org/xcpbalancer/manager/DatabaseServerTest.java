package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.collector.CollectorMain;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;

/**
 * Issue 11: on the server this JVM tests against (embedded MariaDB 11.4, or Debian's 10.11 with -Dxcp.test.db=system,
 * which the full build runs too), xcp-collect and xcp-manager print no WARN line (MySQL's driver made jOOQ warn
 * "Version mismatch" on 10.11) and SHOW RUNS keeps the milliseconds (they were cut to whole seconds).
 */
@ExtendWith(MariaDbExtension.class)
class DatabaseServerTest {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void programsPrintNoWarningAndRunsKeepTheirMilliseconds() throws Exception {
        String server = MariaDbExtension.server().description();
        // An empty database: xcp-collect's first start creates the schema itself, as on a new installation.
        String dbUrl = MariaDbExtension.server().jdbcUrl(MariaDbExtension.createEmptyDatabase("fresh"));
        try (RunningSimulator simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"),
                SimulatorOptions.defaults())) {
            Path settings = settings("xapi.url=" + simulator.masterUrl() + "\nxapi.username=root\nxapi.password=root\n"
                    + "db.url=" + dbUrl + "\ndb.username=root\n"
                    + "manager.historyFile=" + dir.resolve("history") + "\n");
            ChildProgram.Result collect = ChildProgram.run(dir, CollectorMain.class, LIMIT, "--settings", settings.toString());
            assertThat(collect.exitCode()).as(server + ": " + collect.all()).isZero();
            assertThat(collect.all()).as(server).doesNotContain("WARN", "Version mismatch");

            ChildProgram.Result runs = ChildProgram.run(dir, ManagerMain.class, LIMIT, "--settings", settings.toString(),
                    "--format", "json", "-e", "SHOW RUNS");
            assertThat(runs.exitCode()).as(server + ": " + runs.all()).isZero();
            assertThat(runs.all()).as(server).doesNotContain("WARN", "Version mismatch");
            JsonNode run = new ObjectMapper().readTree(runs.out().strip()).get("runs").get(0);
            assertThat(run.get("kind").asText()).isEqualTo("collect");
            // Cut to whole seconds, both the start and the duration would be whole (a one-in-a-million chance else).
            Instant startedAt = Instant.parse(run.get("startedAt").asText());
            long durationMs = run.get("durationMs").asLong();
            assertThat(startedAt.getNano() != 0 || durationMs % 1000 != 0)
                    .as(server + ": run started " + startedAt + ", took " + durationMs + " ms").isTrue();
        }
    }

    private Path settings(String text) throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
