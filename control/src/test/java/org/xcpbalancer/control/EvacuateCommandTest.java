package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.db.generated.Tables;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.state.HostMaintenance.State;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * xcp-control --evacuate / --enable as an administrator runs them: the dry run changes nothing, a real run carries
 * the evacuation out and says how it ended (exit 10 when VMs stay), a pool leased by a live xcp-service only gets
 * the request recorded, and bad input is one line with exit 2.
 */
@ExtendWith(MariaDbExtension.class)
class EvacuateCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path settings(ControlledPool pool, String... extraLines) throws Exception {
        DatabaseSettings database = pool.testDatabase.databaseSettings();
        StringBuilder text = new StringBuilder()
                .append("xapi.url=").append(pool.simulator.masterUrl()).append('\n')
                .append("xapi.username=root\nxapi.password=root\n")
                .append("db.url=").append(database.jdbcUrl()).append('\n')
                .append("db.username=").append(database.username()).append('\n')
                .append("db.password=").append(database.password().reveal()).append('\n')
                .append("control.progressInterval=200ms\ncontrol.maxConcurrentMigrations=2\n");
        for (String line : extraLines) {
            text.append(line).append('\n');
        }
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private int xcpControl(String... args) {
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream systemErr = System.err;
        System.setErr(errors);
        try {
            return Launcher.run(ControlMain.PROGRAM, new ControlMain(new PrintStream(out, true, StandardCharsets.UTF_8),
                    errors), args);
        } finally {
            System.setErr(systemErr);
        }
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static State state(ControlledPool pool, String host) {
        return new HostMaintenanceRepository(pool.database).find(pool.pool().id(),
                pool.simulator.model().hostByName(host).uuid()).map(m -> m.state()).orElse(null);
    }

    @Test
    void theDryRunShowsThePlanAndChangesNothing(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(1);
            Path settings = settings(pool, "control.mode=density");
            long xapiCalls = pool.simulator.callCount();

            int code = xcpControl("--settings", settings.toString(), "--evacuate", "host2", "--dry-run");

            assertThat(code).as(stderr()).isZero();
            assertThat(stdout()).contains("Dry run: nothing is changed (no host is disabled, no migration is launched or logged).",
                    "Mode: density (control.mode)", "Would disable Host2 and move 2 VM(s), leaving it empty:",
                    "  MOVE VM3 - Ubuntu: Host2 -> Host1 (1024 MB)", "  MOVE VM2 - Debian: Host2 -> Host1 (256 MB)");
            assertThat(state(pool, "Host2")).isNull();
            assertThat(pool.simulator.model().hostByName("Host2").enabled()).isTrue();
            assertThat(pool.simulator.callCount()).as("the pool was not contacted").isEqualTo(xapiCalls);
        }
    }

    @Test
    void aRealRunEvacuatesAtOnceAndExits10WhenAVmMustStay(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("placement-constraints"), db)) {
            pool.collect(1);
            Path settings = settings(pool);

            int code = xcpControl("--settings", settings.toString(), "--evacuate", "host-2", "--reason", "GPU driver");

            assertThat(code).as(stderr()).isEqualTo(10);
            assertThat(stdout()).contains("EVACUATE: host-2 disabled for maintenance (requested by "
                    + System.getProperty("user.name") + " (xcp-control): GPU driver): 3 running VM(s), 2 to move",
                    "host-2: blocked (disabled, not empty: 1 VM(s) cannot move (tried again at each control run))");
            assertThat(state(pool, "host-2")).isEqualTo(State.BLOCKED);
            assertThat(pool.simulator.model().hostByName("host-2").enabled()).isFalse();

            out.reset();
            assertThat(xcpControl("--settings", settings.toString(), "--enable", "host-2")).as(stderr()).isZero();
            assertThat(stdout()).contains("ENABLE: host-2 enabled again", "host-2: ended");
            assertThat(pool.simulator.model().hostByName("host-2").enabled()).isTrue();
        }
    }

    @Test
    void aPoolLeasedByALiveServiceOnlyGetsTheRequestRecorded(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(1);
            db.database().dsl().execute("DELETE FROM PoolLease");
            db.database().dsl().execute("INSERT INTO PoolLease (PoolName, PoolUuid, Owner, Epoch, GrantedAt, RenewedAt,"
                    + " ExpiresAt) VALUES ('main', ?, 'svc-a', 1, NOW(3), NOW(3), NOW(3) + INTERVAL 1 MINUTE)",
                    pool.simulator.model().poolUuid());
            try {
                int code = xcpControl("--settings", settings(pool).toString(), "--evacuate", "Host2");

                assertThat(code).as(stderr()).isZero();
                assertThat(stdout()).contains("Evacuation of Host2 recorded: xcp-service instance 'svc-a' leases pool"
                        + " Main Pool and carries it out at its next control run (SHOW HOST Host2 in xcp-manager follows it).");
                assertThat(state(pool, "Host2")).isEqualTo(State.REQUESTED);
                assertThat(pool.simulator.model().hostByName("Host2").enabled()).isTrue();
                assertThat(pool.migrations()).isEmpty();
            } finally {
                db.database().dsl().execute("DELETE FROM PoolLease");
            }
        }
    }

    @Test
    void badInputIsOneLineWithExit2AndRecordsNothing(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(1);
            Path settings = settings(pool);

            assertThat(xcpControl("--settings", settings.toString(), "--evacuate", "Host9")).isEqualTo(2);
            assertThat(xcpControl("--settings", settings.toString(), "--enable", "Host1")).isEqualTo(2);
            assertThat(xcpControl("--settings", settings.toString(), "--evacuate", "Host2", "--interval", "1m")).isEqualTo(2);
            assertThat(xcpControl("--settings", settings(pool, "control.freezeWindows=Sat 1:00-5:00am").toString(),
                    "--dry-run")).isEqualTo(2);
            assertThat(stderr().lines().toList()).containsExactly(
                    "xcp-control: --evacuate: pool Main Pool has no host named or with uuid 'Host9' (xcp-manager's SHOW HOSTS lists them)",
                    "xcp-control: --enable: Host1 is enabled and not in maintenance: nothing to enable",
                    "xcp-control: --interval cannot be combined with --evacuate: one host, one run",
                    "xcp-control: " + dir.resolve("settings.properties") + ": control.freezeWindows: 'Sat 1:00-5:00am' entry"
                            + " 'Sat 1:00-5:00am': '5:00am' is not a time HH:MM; expected DAYS HH:MM-HH:MM, comma-separated,"
                            + " e.g. 'Mon-Fri 22:00-06:00'; DAYS is Mon, Mon-Fri, Sat+Sun or daily");
            assertThat(db.database().dsl().fetchCount(Tables.HOSTMAINTENANCE)).isZero();
        }
    }
}
