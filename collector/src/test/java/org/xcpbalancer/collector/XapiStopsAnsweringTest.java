package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.POOL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.CuttableProxy;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 16, item 1 (XAPI half): a pool master that stops answering in the middle of a collection (packets dropped,
 * no reset) must not hang a cron run. The real xcp-collect ends on its own within xapi.replyTimeout: one line,
 * exit 3 (pool unreachable), the previous picture kept. A host's /rrd_updates that stops answering costs only its
 * metrics, after collect.rrdTimeout.
 */
@ExtendWith(MariaDbExtension.class)
class XapiStopsAnsweringTest {
    /** Far above xapi.replyTimeout (3 s) plus the JVM's start, far below a hang. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void masterThatStopsAnsweringEndsTheCronRun(TestDatabase database, @TempDir Path dir) throws Exception {
        DSLContext direct = database.database().dsl();
        DatabaseSettings db = database.databaseSettings();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults());
                CuttableProxy proxy = new CuttableProxy(simulator.masterUrl().getHost(), simulator.port())) {
            String common = "xapi.password=root\nxapi.replyTimeout=3s\n"
                    + "db.url=" + db.jdbcUrl() + "\ndb.username=" + db.username() + "\n";
            // The first run talks to the master directly (the host listeners share the master's port for /rrd_updates).
            Path straight = writeSettings(dir.resolve("straight.properties"), "xapi.url=" + simulator.masterUrl() + "\n" + common);
            ChildProgram.Result first = ChildProgram.run(dir, CollectorMain.class, Duration.ofSeconds(60),
                    "--settings", straight.toString());
            assertThat(first.exitCode()).as(first.all()).isZero();
            Map<String, String> before = SimulatedPool.placement(direct);
            LocalDateTime collectedAt = direct.select(POOL.LastCollectedAt).from(POOL).fetchSingle().value1();

            simulator.model().moveVm(simulator.model().vmByName("VM2 - Debian"), simulator.model().hostByName("Host1"));
            // Logged in; once the VMs are asked for, nothing more goes through the proxy on any connection.
            proxy.blackholeOn("VM.get_all_records");
            Path viaProxy = writeSettings(dir.resolve("proxy.properties"),
                    "xapi.url=http://" + simulator.masterUrl().getHost() + ":" + proxy.port() + "\n" + common);
            ChildProgram.Result run = ChildProgram.run(dir, CollectorMain.class, BOUND, "--settings", viaProxy.toString());

            assertThat(run.killed()).as("xcp-collect ended on its own within %s: %s", BOUND, run.all()).isFalse();
            assertThat(proxy.wasCut()).isTrue();
            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.POOL_UNREACHABLE.code());
            assertThat(run.err().lines().toList()).as(run.err()).singleElement().asString()
                    .matches("\\S+ xcp-collect: .*").contains("timed out"); // stamped in a file (operations.md, Logs)
            assertThat(SimulatedPool.placement(direct)).isEqualTo(before).containsEntry("VM2 - Debian", "Host2");
            assertThat(direct.select(POOL.LastCollectedAt).from(POOL).fetchSingle().value1()).isEqualTo(collectedAt);
        }
    }

    /**
     * The same for a host's /rrd_updates read: the master's GET is blackholed (Host2's address has no proxy, so its
     * GET is refused). Both hosts' metrics become NULL after collect.rrdTimeout and the rest of the picture is written.
     */
    @Test
    void rrdUpdatesThatStopAnsweringEndTheCronRun(TestDatabase database, @TempDir Path dir) throws Exception {
        DSLContext direct = database.database().dsl();
        DatabaseSettings db = database.databaseSettings();
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults());
                CuttableProxy proxy = new CuttableProxy(simulator.masterUrl().getHost(), simulator.port())) {
            simulator.model().moveVm(simulator.model().vmByName("VM2 - Debian"), simulator.model().hostByName("Host1"));
            proxy.blackholeOn("/rrd_updates");
            Path viaProxy = writeSettings(dir.resolve("proxy.properties"),
                    "xapi.url=http://" + simulator.masterUrl().getHost() + ":" + proxy.port() + "\n"
                    + "xapi.password=root\nxapi.replyTimeout=3s\ncollect.rrdTimeout=3s\n"
                    + "db.url=" + db.jdbcUrl() + "\ndb.username=" + db.username() + "\n");
            ChildProgram.Result run = ChildProgram.run(dir, CollectorMain.class, BOUND, "--settings", viaProxy.toString());

            assertThat(run.killed()).as("xcp-collect ended on its own within %s: %s", BOUND, run.all()).isFalse();
            assertThat(proxy.wasCut()).isTrue();
            // A host without metrics is a warning, not a failure: the run succeeds and says what is missing.
            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.OK.code());
            assertThat(run.err()).contains("xcp-collect: warning: host Host1: metrics missing: /rrd_updates on 127.0.0.1: timed out");
            assertThat(run.err()).doesNotContain("\tat ");
            assertThat(direct.select(HOST.CpuAverage).from(HOST).fetch(HOST.CpuAverage)).hasSize(2).containsOnlyNulls();
            assertThat(SimulatedPool.placement(direct)).containsEntry("VM2 - Debian", "Host1");
        }
    }

    private static Path writeSettings(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
