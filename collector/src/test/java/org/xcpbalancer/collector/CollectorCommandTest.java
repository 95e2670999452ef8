package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.PoolLock;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** xcp-collect as cron runs it: one line on stdout, or one line on stderr and the exit code of issue 4. */
@ExtendWith(MariaDbExtension.class)
class CollectorCommandTest {
    static RunningSimulator simulator;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        simulator = SimulatedPool.paper(SimulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String settings, String... extraArgs) throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, settings);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        String[] args = new String[extraArgs.length + 2];
        args[0] = "--settings";
        args[1] = file.toString();
        System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        // Launcher prints its one-line errors on System.err.
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Launcher.run("xcp-collect", new CollectorCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                    System.err), args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
        }
    }

    private static String settings(TestDatabase database, String xapiUrl, String password, String dbUrl) {
        return "xapi.url=" + xapiUrl + "\nxapi.username=root\nxapi.password=" + password + "\n"
                + "db.url=" + dbUrl + "\ndb.username=" + database.databaseSettings().username() + "\n";
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void collectsAndPrintsOneSummaryLine(TestDatabase database) throws Exception {
        Run run = run(settings(database, simulator.masterUrl().toString(), "root", database.jdbcUrl()));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("Collected pool Main Pool: 2 hosts, 5 VMs, 11 requests, \\d+\\.\\d\\d s\\R");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void slaveAddressIsFollowedToTheMasterAndSaidOnce(TestDatabase database) throws Exception {
        String slave = simulator.model().hosts().stream().filter(h -> !h.isMaster()).findFirst().orElseThrow().address();
        Run run = run(settings(database, simulator.hostUrl(slave).toString(), "root", database.jdbcUrl()));
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEqualTo("xcp-collect: xapi.url names a slave; using pool master "
                + simulator.model().master().address() + System.lineSeparator());
        assertThat(run.out()).startsWith("Collected pool Main Pool: 2 hosts, 5 VMs, ");
    }

    @Test
    void badSettingsExit2(TestDatabase database) throws Exception {
        Run run = run("xapi.username=root\ndb.url=" + database.jdbcUrl() + "\n");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("xcp-collect: ").contains("xapi.url").hasLineCount(1);
    }

    @Test
    void badIntervalExit2(TestDatabase database) throws Exception {
        Run run = run(settings(database, simulator.masterUrl().toString(), "root", database.jdbcUrl()), "--interval", "1s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("xcp-collect: --interval 1s is shorter than 5s" + System.lineSeparator());
    }

    @Test
    void unreachablePoolExit3(TestDatabase database) throws Exception {
        String url = "http://127.0.0.1:" + closedPort();
        Run run = run(settings(database, url, "root", database.jdbcUrl()));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("xcp-collect: pool master " + url + " cannot be reached: connection refused"
                + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void wrongPasswordExit4WithoutThePassword(TestDatabase database) throws Exception {
        Run run = run(settings(database, simulator.masterUrl().toString(), "Wr0ng-Secret", database.jdbcUrl()));
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("SESSION_AUTHENTICATION_FAILED").doesNotContain("Wr0ng-Secret").hasLineCount(1);
    }

    @Test
    void unreachableDatabaseExit5(TestDatabase database) throws Exception {
        Run run = run(settings(database, simulator.masterUrl().toString(), "root",
                "jdbc:mysql://127.0.0.1:" + closedPort() + "/Xen") + "db.connectTimeout=1s\n");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).startsWith("xcp-collect: database jdbc:mysql://127.0.0.1:").hasLineCount(1)
                .doesNotContain("\tat ");
    }

    @Test
    void anotherCollectorBusyExit0WithOneLine(TestDatabase database) throws Exception {
        try (Database other = Database.open(database.databaseSettings());
                PoolLock held = PoolLock.tryAcquire(other, PoolLock.Holder.COLLECTOR, simulator.model().poolUuid()).orElseThrow()) {
            Run run = run(settings(database, simulator.masterUrl().toString(), "root", database.jdbcUrl()));
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo("Another xcp-collect is collecting pool Main Pool right now; this run stops"
                    + " without writing." + System.lineSeparator());
        }
    }
}
