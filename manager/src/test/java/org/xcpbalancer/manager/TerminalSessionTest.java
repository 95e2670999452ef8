package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The real executable on a pseudo-terminal (util-linux script gives it one), on the paper pool collected by the
 * real collector: JLine line editing, the original questions, tab completion of a VM name with spaces, Ctrl-D,
 * and the history kept across two sessions.
 */
@ExtendWith(MariaDbExtension.class)
class TerminalSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** What xterm sends for the up arrow once JLine has switched the keypad to application mode. */
    private static final String UP_ARROW = "\u001bOA";
    private static final String CTRL_D = "\u0004";
    private static int poolId;

    private final TestDatabase db;
    @TempDir
    Path dir;

    TerminalSessionTest(TestDatabase db) {
        this.db = db;
    }

    private static String host1Uuid;
    private static String host2Uuid;

    /** The paper pool as the real collector writes it from the simulator. */
    @BeforeAll
    static void collect(TestDatabase db) throws Exception {
        try (RunningSimulator simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"),
                SimulatorOptions.defaults())) {
            PaperPoolFixture.collect(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")), db.database());
        }
        PoolStateRepository pools = new PoolStateRepository(db.database());
        PoolState state = pools.load(pools.pools().get(0));
        poolId = state.pool().id();
        host1Uuid = state.findHost("Host1").orElseThrow().uuid();
        host2Uuid = state.findHost("Host2").orElseThrow().uuid();
    }

    @Test
    void anAdministratorAtATerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script gives the console a pseudo-terminal");
        Path settings = dir.resolve("settings.properties");
        Path history = dir.resolve("history");
        Files.writeString(settings, "db.url=" + db.jdbcUrl() + "\ndb.username=root\nmanager.historyFile=" + history + "\n");

        try (Pty first = Pty.start(settings)) {
            first.expect("HELP lists the commands, EXIT quits.");
            first.expect("xcp-manager [Main Pool]> "); // as below: JLine reads raw keys only once it prompts
            first.type("CREATE RULE HOST\r");
            first.expect("When [PifEth0RxKb/PifEth0TxKb/OccupiedMemoryMb/CpuAverage/OccupiedMemoryPercent]:");
            first.type("CpuAverage\r");
            first.expect("Is more than [%]:");
            first.type("25\r");
            first.expect("When CpuAverage is more than 25 % above the medium migrate to the less loaded host");
            first.expect("Confirm ? [Y/N]");
            first.type("Y\r");
            first.expect("Rule saved.");
            // Tab completes the VM name, spaces and all
            first.expect("xcp-manager [Main Pool]> ");
            first.type("show vm VM1\t\r");
            first.expect("Name - VM1 - Debian");
            first.type("SHOW VM VM3 - U\t\r");
            first.expect("Name - VM3 - Ubuntu");
            first.type("SHOW HOST Host1!!\r");
            first.expect("Error: no host named or with uuid 'Host1!!' in pool Main Pool (SHOW HOSTS lists them)");
            first.type("SHOW HOSTS\r");
            first.expect("- " + host2Uuid + " - Host2");
            first.type("SHOW FOO\r");
            first.expect("Error: unknown command 'SHOW FOO' (HELP lists the commands)");
            first.type(CTRL_D);
            assertThat(first.exitCode()).isZero();
        }
        assertThat(new RuleRepository(db.database()).rules(poolId)).containsExactly(new HostRule(RuleSubject.CpuAverage, 25));
        List<String> kept = Files.readAllLines(history).stream().map(l -> l.substring(l.indexOf(':') + 1)).toList();
        assertThat(kept).contains("CREATE RULE HOST", "SHOW HOSTS").doesNotContain("CpuAverage", "25", "Y");

        try (Pty second = Pty.start(settings)) {
            second.expect("HELP lists the commands, EXIT quits.");
            second.expect("xcp-manager [Main Pool]> "); // keys typed before JLine reads the terminal would not be raw
            // the arrow brings back the first session's command before last (the last was the bad one)
            second.type(UP_ARROW + UP_ARROW + "\r");
            second.expect("- " + host1Uuid + " - Host1");
            second.type("SHOW RULES HOST\r");
            second.expect("- CpuAverage is more than 25 % above the medium");
            second.type("QUIT\r");
            assertThat(second.exitCode()).isZero();
        }
    }

    /** The console under `script`, fed keystrokes, its screen collected without escape sequences. */
    private static final class Pty implements AutoCloseable {
        private final Process process;
        private final OutputStream keys;
        private final StringBuffer screen = new StringBuffer();
        private int seen;

        private Pty(Process process) {
            this.process = process;
            this.keys = process.getOutputStream();
            Thread reader = new Thread(() -> read(process.getInputStream()), "pty-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Pty start(Path settings) throws IOException {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = "stty cols 160 rows 40; exec " + java + " -cp '" + classpath + "' "
                    + ManagerMain.class.getName() + " --settings '" + settings + "'";
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qfec", command, "/dev/null");
            builder.environment().put("TERM", "xterm");
            builder.redirectErrorStream(true);
            return new Pty(builder.start());
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /** Waits until the text appears on screen after what was already matched. */
        void expect(String text) throws InterruptedException {
            Instant deadline = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(deadline)) {
                String clean = clean(screen.toString());
                int at = clean.indexOf(text, seen);
                if (at >= 0) {
                    seen = at + text.length();
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("'" + text + "' did not appear on the terminal; it shows:\n" + clean(screen.toString()));
        }

        int exitCode() throws InterruptedException {
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the console exits").isTrue();
            return process.exitValue();
        }

        private void read(InputStream in) {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        /** Drops ANSI escape sequences and carriage returns, leaving the text as it reads on screen. */
        static String clean(String raw) {
            return raw.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001B[()][A-Za-z0-9]", "")
                    .replaceAll("\u001B[=>78]", "").replace("\r", "");
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
