package org.xcpbalancer.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.GUARDACTION;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * kill -9 of a real xcp-guard while it restarts a dead host's VMs (inside VM.start_on, which XAPI holds for the
 * VM's start_delay), then another guard: every protected VM runs, none was started twice (one VM_STARTED each),
 * and the start the killed guard left planned is settled as done, not made again.
 */
@ExtendWith(MariaDbExtension.class)
class KilledGuardTest {
    /** db's start_delay of 600 s (30 s at ×20) keeps the first guard inside VM.start_on long enough to kill it. */
    private static final String POOL = HostDeathTest.POOL.replace("\"startDelay\": 10}",
            "\"startDelay\": 600}");

    @TempDir
    Path dir;

    @Test
    void aGuardKilledMidRestartAndItsSuccessorStartNoVmTwice(TestDatabase db) throws Exception {
        assertThat(POOL).contains("\"startDelay\": 600");
        try (GuardedPool pool = new GuardedPool(POOL, db)) {
            pool.simulator.admin().killHost("C");
            Process first = startGuard(pool, db);
            try {
                awaitPlannedStartOf(db, "db", first);
                assertThat(pool.vms()).as("XAPI started db and holds the call for its start_delay")
                        .containsEntry("db", "Running@D");
            } finally {
                first.destroyForcibly();
                assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(plannedStarts(db)).isEqualTo(1);

            try (GuardService next = pool.service(GuardedPool.settings(1, pool.simulatorFenceCommand()))) {
                next.checkOnce(Optional.empty(), false);
                next.checkOnce(Optional.empty(), false);
            }

            assertThat(pool.startedVms()).containsExactlyInAnyOrder("db", "web", "tagged", "batch");
            assertThat(pool.vms()).hasEntrySatisfying("web", s -> assertThat(s).startsWith("Running@").isNotEqualTo("Running@C"))
                    .hasEntrySatisfying("tagged", s -> assertThat(s).startsWith("Running@").isNotEqualTo("Running@C"))
                    .hasEntrySatisfying("batch", s -> assertThat(s).startsWith("Running@").isNotEqualTo("Running@C"));
            assertThat(plannedStarts(db)).isZero();
            assertThat(db.database().dsl().select(GUARDACTION.Reason).from(GUARDACTION)
                    .where(GUARDACTION.Action.eq("start_on")).and(GUARDACTION.VmName.eq("db")).fetch(GUARDACTION.Reason))
                    .singleElement().asString().startsWith("db found running on D: the guard that planned it (")
                    .endsWith("stopped before finishing it; not started again");
        }
    }

    private Process startGuard(GuardedPool pool, TestDatabase db) throws Exception {
        DatabaseSettings database = db.databaseSettings();
        Path fence = dir.resolve("fence.sh");
        Files.writeString(fence, "#!/bin/bash\nexec 3<>/dev/tcp/127.0.0.1/" + pool.simulator.port() + "\n"
                + "printf 'POST /sim/hosts/%s/fence HTTP/1.0\\r\\nContent-Length: 0\\r\\n\\r\\n' \"$1\" >&3\n"
                + "read -r line <&3; echo \"$line\"; [[ $line == *' 200 '* ]]\n");
        Files.setPosixFilePermissions(fence, PosixFilePermissions.fromString("rwx------"));
        Path settings = dir.resolve("settings.properties");
        Files.writeString(settings, "xapi.url=" + pool.simulator.masterUrl() + "\nxapi.password=root\n"
                + "db.url=" + database.jdbcUrl() + "\ndb.username=" + database.username() + "\n"
                + "db.password=" + database.password().reveal() + "\nguard.deadChecks=1\n"
                + "guard.fenceCommand=" + fence + " {host}\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), GuardMain.class.getName(), "--settings", settings.toString(),
                "--interval", "1s").redirectErrorStream(true).redirectOutput(dir.resolve("guard.log").toFile()).start();
    }

    private void awaitPlannedStartOf(TestDatabase db, String vm, Process guard) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline) && guard.isAlive()) {
            if (db.database().dsl().fetchCount(GUARDACTION, GUARDACTION.Action.eq("start_on")
                    .and(GUARDACTION.VmName.eq(vm)).and(GUARDACTION.Outcome.eq("planned"))) == 1) {
                Thread.sleep(500);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the guard never began to start " + vm + ": " + Files.readString(dir.resolve("guard.log")));
    }

    private static int plannedStarts(TestDatabase db) {
        return db.database().dsl().fetchCount(GUARDACTION, GUARDACTION.Action.eq("start_on")
                .and(GUARDACTION.Outcome.eq("planned")));
    }
}
