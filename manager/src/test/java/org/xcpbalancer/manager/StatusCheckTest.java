package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.POOLPAUSE;

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
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.state.PoolPauseRepository;
import org.xcpbalancer.manager.status.StatusCheckMain;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * xcp-status as Nagios runs it: one line with perfdata and the plugin exit codes, on the paper pool's rows
 * (collected 42 s and controlled 60 s before the check's clock).
 */
@ExtendWith(MariaDbExtension.class)
class StatusCheckTest {
    private static int poolId;
    private final TestDatabase db;
    @TempDir
    Path dir;

    StatusCheckTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        poolId = PaperPoolFixture.insert(db.database());
        PaperPoolFixture.insertHistory(db.database(), poolId);
    }

    private record Check(int exitCode, String out) {
    }

    private Check check(Duration later, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(PaperPoolFixture.NOW.plus(later), ZoneOffset.UTC);
        int code = new StatusCheckMain(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock).run(args);
        return new Check(code, out.toString(StandardCharsets.UTF_8));
    }

    private String settings(String jdbcUrl) throws Exception {
        return Files.writeString(dir.resolve("settings.properties"),
                "db.url=" + jdbcUrl + "\ndb.username=root\ndb.connectTimeout=1s\n").toString();
    }

    @Test
    void freshDataIsOkWithPerfdata() throws Exception {
        Check ok = check(Duration.ZERO, "--settings", settings(db.jdbcUrl()));
        assertThat(ok.out()).isEqualTo("OK - pool paper: collected 42 s ago, controlled 60 s ago, 0 migration(s) in flight"
                + " | collection_age=42s;120;300;0 control_age=60s;120;300;0 migrations_in_flight=0;;;0 paused=0;;;0;1\n");
        assertThat(ok.exitCode()).isZero();
    }

    @Test
    void oldDataIsWarningThenCriticalAtTwoAndFiveIntervals() throws Exception {
        Check warning = check(Duration.ofSeconds(100), "--settings", settings(db.jdbcUrl()));
        assertThat(warning.exitCode()).isEqualTo(1);
        assertThat(warning.out()).startsWith("WARNING - pool paper: collected 2 min ago, controlled 2 min ago")
                .contains("collection_age=142s;120;300;0");
        Check critical = check(Duration.ofMinutes(5), "--settings", settings(db.jdbcUrl()));
        assertThat(critical.exitCode()).isEqualTo(2);
        assertThat(critical.out()).startsWith("CRITICAL - pool paper: collected 5 min ago");
        // thresholds from the interval, or given outright
        assertThat(check(Duration.ofMinutes(5), "--settings", settings(db.jdbcUrl()), "--interval", "5m").exitCode()).isZero();
        Check given = check(Duration.ZERO, "--settings", settings(db.jdbcUrl()), "-w", "30s", "-c", "90s");
        assertThat(given.exitCode()).isEqualTo(1);
        assertThat(given.out()).contains("collection_age=42s;30;90;0 control_age=60s;30;90;0");
    }

    @Test
    void aPausedPoolIsAWarning() throws Exception {
        new PoolPauseRepository(db.database()).pause(poolId, PaperPoolFixture.NOW, Optional.empty(), "alice", Optional.of("upgrades"));
        try {
            Check paused = check(Duration.ZERO, "--settings", settings(db.jdbcUrl()));
            assertThat(paused.exitCode()).isEqualTo(1);
            assertThat(paused.out()).startsWith("WARNING - pool paper: collected 42 s ago, controlled 60 s ago, "
                    + "balancing paused by alice until resumed").contains("paused=1;;;0;1");
        } finally {
            db.database().dsl().deleteFrom(POOLPAUSE).execute();
        }
    }

    @Test
    void helpListsTheNagiosExitCodes() throws Exception {
        Check help = check(Duration.ZERO, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:", "  0   OK", "  1   WARNING", "  2   CRITICAL", "  3   UNKNOWN")
                .doesNotContain("pool unreachable");
    }

    @Test
    void anUnreachableDatabaseIsCriticalAndBadOptionsAreUnknown() throws Exception {
        int closedPort = closedPort();
        Check unreachable = check(Duration.ZERO, "--settings", settings("jdbc:mysql://127.0.0.1:" + closedPort + "/Xen"));
        assertThat(unreachable.exitCode()).as(unreachable.out()).isEqualTo(2);
        assertThat(unreachable.out()).startsWith("CRITICAL - ").contains("127.0.0.1:" + closedPort).hasLineCount(1);

        Check badOption = check(Duration.ZERO, "--warning", "soon");
        assertThat(badOption.exitCode()).isEqualTo(3);
        assertThat(badOption.out()).isEqualTo("UNKNOWN - xcp-status: --warning 'soon' is not a duration; expected a number "
                + "with a unit (ms, s, m, h, d), such as 30s, 5m or 1h\n");
        Check unknownOption = check(Duration.ZERO, "--frobnicate");
        assertThat(unknownOption.exitCode()).isEqualTo(3);
        assertThat(unknownOption.out()).startsWith("UNKNOWN - xcp-status: Unknown option: '--frobnicate'");
        Check noPool = check(Duration.ZERO, "--settings", settings(db.jdbcUrl()), "--pool", "nope");
        assertThat(noPool.exitCode()).isEqualTo(3);
        assertThat(noPool.out()).isEqualTo("UNKNOWN - xcp-status: --pool: no pool named or with uuid 'nope' in the database\n");
    }

    /** Issue 11: in a child JVM, output to files: the Nagios line as printed (the monitoring parses it), stderr stamped. */
    @Test
    void theNagiosLineIsPrintedAsIsWhileASettingsWarningIsStamped() throws Exception {
        int closedPort = closedPort();
        Path settings = dir.resolve("status.properties");
        Files.writeString(settings, "db.url=jdbc:mysql://127.0.0.1:" + closedPort + "/Xen\ndb.username=xcp\n"
                + "db.password=secret\ndb.connectTimeout=1s\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-r--r--"));

        ChildProgram.Result run = ChildProgram.run(dir, StatusCheckMain.class, Duration.ofSeconds(90),
                "--settings", settings.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.out().lines().toList()).singleElement().asString().startsWith("CRITICAL - ");
        assertThat(run.err().lines().toList()).singleElement().asString()
                .matches(ChildProgram.STAMP + "xcp-status: warning: .*status\\.properties holds a password.*");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
