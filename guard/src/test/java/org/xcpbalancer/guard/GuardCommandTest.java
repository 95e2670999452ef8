package org.xcpbalancer.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** xcp-guard as cron runs it: one check, one summary line, exit 0; the wrong --pool is one line and exit 2. */
@ExtendWith(MariaDbExtension.class)
class GuardCommandTest {
    /** A line written to a file starts with its time. */
    private static final String STAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ";

    @TempDir
    Path dir;

    @Test
    void aOneShotDryRunChecksOnceAndSaysHowThePoolStands(TestDatabase db) throws Exception {
        try (GuardedPool pool = new GuardedPool(HostDeathTest.POOL, db)) {
            Path settings = settings(dir, pool, db);

            ChildProgram.Result dryRun = ChildProgram.run(dir, GuardMain.class, Duration.ofSeconds(60), "--settings",
                    settings.toString(), "--dry-run");
            ChildProgram.Result wrongPool = ChildProgram.run(dir, GuardMain.class, Duration.ofSeconds(60), "--settings",
                    settings.toString(), "--pool", "Other");

            assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
            assertThat(dryRun.out().strip()).matches(STAMP + "(\\[Guarded\\] )?\\QPool Guarded (dry run): 4 hosts (4 up),"
                    + " 4 protected VMs: 4 were running on a host that is up, 0 started by this check\\E");
            assertThat(wrongPool.exitCode()).isEqualTo(2);
            assertThat(wrongPool.err().strip()).matches(STAMP + "xcp-guard: --pool Other: xapi.url's pool is Guarded \\([0-9a-f-]+\\)");
        }
    }

    /** A settings file (mode 600) for the simulated pool and the test database. */
    static Path settings(Path dir, GuardedPool pool, TestDatabase db) throws Exception {
        DatabaseSettings database = db.databaseSettings();
        Path settings = dir.resolve("settings.properties");
        Files.writeString(settings, "xapi.url=" + pool.simulator.masterUrl() + "\nxapi.password=root\n"
                + "db.url=" + database.jdbcUrl() + "\ndb.username=" + database.username() + "\n"
                + "db.password=" + database.password().reveal() + "\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
        return settings;
    }
}
