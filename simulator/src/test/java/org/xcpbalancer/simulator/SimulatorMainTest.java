package org.xcpbalancer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.Launcher;

/** xcp-sim as a user runs it: one ready line, serves until stopped, exit 0; a bad scenario is exit 2. */
class SimulatorMainTest {

    @TempDir
    Path folder;

    @Test
    void printsOneReadyLineServesAndStopsCleanly() throws Exception {
        Path scenario = folder.resolve("pool.json");
        Files.writeString(scenario, TestPools.PAPER_POOL);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        SimulatorMain main = new SimulatorMain(new PrintStream(stdout, true, StandardCharsets.UTF_8), stop);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Launcher.run("xcp-sim", main,
                new String[] {"--scenario", scenario.toString(), "--user", "admin", "--password", "s3cret"}));

        String line = waitForLine(stdout);
        assertThat(line).matches("XAPI simulator ready at http://127\\.0\\.0\\.1:\\d+\n");
        Connection connection = new Connection(new URL(line.substring(SimulatorMain.READY_LINE_PREFIX.length()).trim()));
        Session.loginWithPassword(connection, "admin", "s3cret", "2.15", "test");
        assertThat(Pool.getAll(connection)).hasSize(1);

        stop.countDown();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(line);
    }

    @Test
    void badScenarioIsOneLineAndExitCode2() throws Exception {
        Path scenario = folder.resolve("broken.json");
        Files.writeString(scenario, TestPools.PAPER_POOL.replace("\"host\": \"Host2\", \"vcpus\": 2",
                "\"host\": \"Host9\", \"vcpus\": 2"));
        PrintStream originalErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            code = Launcher.run("xcp-sim", new SimulatorMain(), new String[] {"--scenario", scenario.toString()});
        } finally {
            System.setErr(originalErr);
        }
        assertThat(code).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .isEqualTo("xcp-sim: broken.json: vms[1].host: no host \"Host9\"" + System.lineSeparator());
    }

    private static String waitForLine(ByteArrayOutputStream stdout) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            String text = stdout.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                return text;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no ready line within 15 s");
    }
}
