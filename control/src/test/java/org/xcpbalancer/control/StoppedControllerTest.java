package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.control.log.ControlRunLog;
import org.xcpbalancer.core.db.generated.tables.records.ControlRunRecord;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 11: a controller stopped mid-run does not leave its ControlRun 'running' for ever. A real xcp-control runs
 * in a child JVM while its migration hangs: SIGTERM marks the run 'interrupted' on the way out; after kill -9 the
 * next run marks it 'abandoned'.
 */
@ExtendWith(MariaDbExtension.class)
class StoppedControllerTest {
    @TempDir
    Path dir;

    @Test
    void sigtermMarksTheRunInterrupted(TestDatabase db) throws Exception {
        try (ControlledPool pool = hungMigrationPool(db)) {
            Process controller = startController(pool);
            long runId = awaitRunningRun(pool.database.dsl(), controller);
            controller.destroy();
            assertThat(controller.waitFor(60, TimeUnit.SECONDS)).isTrue();

            ControlRunRecord run = row(pool.database.dsl(), runId);
            assertThat(run.getOutcome()).isEqualTo("interrupted");
            assertThat(run.getFinishedAt()).isNotNull();
            assertThat(run.getSummary()).contains("SIGINT or SIGTERM");
        }
    }

    @Test
    void afterKill9TheNextRunMarksTheRunAbandoned(TestDatabase db) throws Exception {
        try (ControlledPool pool = hungMigrationPool(db)) {
            DSLContext dsl = pool.database.dsl();
            Process controller = startController(pool);
            long runId = awaitRunningRun(dsl, controller);
            controller.destroyForcibly();
            assertThat(controller.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(row(dsl, runId).getOutcome()).as("the process got no chance to mark it").isEqualTo("running");

            pool.simulator.admin().setHangMigrations(false);
            ControlService.RunResult next = pool.control(ControlledPool.policy(Duration.ZERO, Duration.ZERO));

            ControlRunRecord killed = row(dsl, runId);
            assertThat(killed.getOutcome()).isEqualTo("abandoned");
            assertThat(killed.getSummary()).startsWith("abandoned: process " + controller.pid() + " on ");
            assertThat(row(dsl, next.runId()).getOutcome()).isNotIn("running", "abandoned");
            assertThat(pool.output()).contains("Control run(s) [" + runId + "] ended without finishing");
        }
    }

    private static ControlledPool hungMigrationPool(TestDatabase db) throws Exception {
        ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db);
        pool.collect(3);
        pool.rule(RuleSubject.CpuAverage, 25);
        pool.simulator.admin().setHangMigrations(true);
        return pool;
    }

    private Process startController(ControlledPool pool) throws Exception {
        DatabaseSettings database = pool.testDatabase.databaseSettings();
        Path settings = dir.resolve("settings.properties");
        Files.writeString(settings, "xapi.url=" + pool.simulator.masterUrl() + "\nxapi.password=root\n"
                + "db.url=" + database.jdbcUrl() + "\ndb.username=" + database.username() + "\n"
                + "db.password=" + database.password().reveal() + "\ncontrol.progressInterval=200ms\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ControlMain.class.getName(), "--settings", settings.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("controller.log").toFile()).start();
    }

    /** Waits until the child's run is 'running' with its migration launched (it hangs there). */
    private long awaitRunningRun(DSLContext dsl, Process controller) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline) && controller.isAlive()) {
            Long id = dsl.select(CONTROLRUN.Id).from(CONTROLRUN)
                    .where(CONTROLRUN.Outcome.eq(ControlRunLog.Outcome.RUNNING.dbValue()))
                    .and(CONTROLRUN.Pid.eq(controller.pid())).fetchOne(CONTROLRUN.Id);
            if (id != null && Files.readString(dir.resolve("controller.log")).contains("Migrating ")) {
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no running control run appeared: " + Files.readString(dir.resolve("controller.log")));
    }

    private static ControlRunRecord row(DSLContext dsl, long id) {
        return dsl.selectFrom(CONTROLRUN).where(CONTROLRUN.Id.eq(id)).fetchSingle();
    }
}
