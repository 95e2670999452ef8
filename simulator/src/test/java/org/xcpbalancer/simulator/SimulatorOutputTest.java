package org.xcpbalancer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.Session;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.testkit.ChildProgram;

/**
 * Issue 11 for xcp-sim: run as a service or from a script, its output is a log. The real program runs in a child
 * JVM with its output going to a file, as under systemd or `xcp-sim >sim.log 2>&1 &`.
 */
class SimulatorOutputTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void theReadyLineInAFileStartsWithAnIso8601TimestampAndItsUrlServes() throws Exception {
        Path log = dir.resolve("sim.log");
        Process simulator = ChildProgram.start(SimulatorMain.class, log, "--scenario", scenario().toString());
        try {
            String ready = ChildProgram.awaitLine(log, SimulatorMain.READY_LINE_PREFIX, simulator, LIMIT);
            assertThat(ready).matches(ChildProgram.STAMP + "XAPI simulator ready at http://127\\.0\\.0\\.1:\\d+");
            OffsetDateTime stamped = OffsetDateTime.parse(ready.substring(0, ready.indexOf(' ')));
            assertThat(Duration.between(stamped, OffsetDateTime.now())).isBetween(Duration.ZERO, LIMIT);

            String url = ready.substring(ready.indexOf(SimulatorMain.READY_LINE_PREFIX) + SimulatorMain.READY_LINE_PREFIX.length());
            Connection connection = new Connection(new URL(url));
            Session.loginWithPassword(connection, "root", "root", "2.15", "test");
            assertThat(Pool.getAll(connection)).hasSize(1);
        } finally {
            simulator.destroy(); // SIGTERM, as systemctl stop sends
        }
        assertThat(simulator.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(simulator.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readAllLines(log)).as("the ready line, and nothing else").hasSize(1);
    }

    @Test
    void jsonFormatMakesTheReadyLineAJsonObject() throws Exception {
        Path log = dir.resolve("sim.json");
        Process simulator = ChildProgram.start(SimulatorMain.class, log, "--scenario", scenario().toString(),
                "--log-format", "json");
        JsonNode ready;
        try {
            ready = new ObjectMapper().readTree(ChildProgram.awaitLine(log, SimulatorMain.READY_LINE_PREFIX, simulator, LIMIT));
        } finally {
            simulator.destroy();
        }
        assertThat(simulator.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(ready.get("program").asText()).isEqualTo("xcp-sim");
        assertThat(ready.get("level").asText()).isEqualTo("INFO");
        assertThat(ready.get("message").asText()).matches("XAPI simulator ready at http://127\\.0\\.0\\.1:\\d+");
        assertThat(OffsetDateTime.parse(ready.get("time").asText())).isBefore(OffsetDateTime.now());
    }

    @Test
    void aBadScenarioIsOneStampedLineAndExitCode2() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, TestPools.PAPER_POOL.replace("\"host\": \"Host2\", \"vcpus\": 2",
                "\"host\": \"Host9\", \"vcpus\": 2"));

        ChildProgram.Result run = ChildProgram.run(dir, SimulatorMain.class, LIMIT, "--scenario", broken.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.out()).isEmpty();
        List<String> errors = run.err().lines().toList();
        assertThat(errors).singleElement().asString()
                .matches(ChildProgram.STAMP + "xcp-sim: broken\\.json: vms\\[1\\]\\.host: no host \"Host9\"");
    }

    private Path scenario() throws Exception {
        Path file = dir.resolve("pool.json");
        Files.writeString(file, TestPools.PAPER_POOL);
        return file;
    }
}
