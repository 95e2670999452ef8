package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;

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
import org.xcpbalancer.core.db.generated.tables.records.CollectionRunRecord;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 11 and issue 16 item 6: "after kill -9 of the collector, CollectionRun rows stay running for ever". A real
 * xcp-collect runs in a child JVM against a slow simulated pool and is stopped mid-run: SIGTERM marks its run
 * 'interrupted' on the way out; after kill -9 the next collection marks it 'abandoned'.
 */
@ExtendWith(MariaDbExtension.class)
class StoppedCollectorTest {
    /** Every XAPI request takes this long, so a run stays 'running' for seconds. */
    private static final Duration LATENCY = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    @Test
    void sigtermMarksTheRunInterrupted(TestDatabase database) throws Exception {
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults().withLatency(LATENCY))) {
            Process collector = startCollector(database, simulator);
            long runId = awaitRunningRun(database.database().dsl(), collector);
            collector.destroy();
            assertThat(collector.waitFor(60, TimeUnit.SECONDS)).isTrue();

            CollectionRunRecord run = row(database.database().dsl(), runId);
            assertThat(run.getOutcome()).isEqualTo("interrupted");
            assertThat(run.getFinishedAt()).isNotNull();
            assertThat(run.getError()).contains("SIGINT or SIGTERM");
            assertThat(run.getPid()).isEqualTo(collector.pid());
        }
    }

    @Test
    void afterKill9TheNextRunMarksTheRunAbandoned(TestDatabase database) throws Exception {
        DSLContext db = database.database().dsl();
        long runId;
        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults().withLatency(LATENCY))) {
            Process collector = startCollector(database, simulator);
            runId = awaitRunningRun(db, collector);
            collector.destroyForcibly();
            assertThat(collector.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(row(db, runId).getOutcome()).as("nothing could mark it: the process got no chance").isEqualTo("running");

        try (RunningSimulator simulator = SimulatedPool.paper(SimulatorOptions.defaults())) {
            CollectionResult next = OneCollection.collect(SimulatedPool.xapi(simulator), database.database());
            assertThat(next.outcome()).isEqualTo(CollectionResult.Outcome.SUCCESS);
            assertThat(row(db, next.runId()).getOutcome()).as("the next run is not taken for a dead one").isEqualTo("success");
        }
        CollectionRunRecord killed = row(db, runId);
        assertThat(killed.getOutcome()).isEqualTo("abandoned");
        assertThat(killed.getFinishedAt()).isNotNull();
        assertThat(killed.getError()).startsWith("abandoned: process " + killed.getPid() + " on ");
    }

    private Process startCollector(TestDatabase database, RunningSimulator simulator) throws Exception {
        Path settings = dir.resolve("settings.properties");
        Files.writeString(settings, "xapi.url=" + simulator.masterUrl() + "\nxapi.password=root\n"
                + "db.url=" + database.jdbcUrl() + "\ndb.username=root\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CollectorMain.class.getName(), "--settings", settings.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("collector.log").toFile()).start();
    }

    /** Waits until the child's run row is written (it is 'running' while the slow XAPI calls go on). */
    private long awaitRunningRun(DSLContext db, Process collector) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline) && collector.isAlive()) {
            Long id = db.select(COLLECTIONRUN.Id).from(COLLECTIONRUN).where(COLLECTIONRUN.Outcome.eq("running"))
                    .and(COLLECTIONRUN.Pid.eq(collector.pid())).fetchOne(COLLECTIONRUN.Id);
            if (id != null) {
                return id;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no running collection appeared: " + Files.readString(dir.resolve("collector.log")));
    }

    private static CollectionRunRecord row(DSLContext db, long id) {
        return db.selectFrom(COLLECTIONRUN).where(COLLECTIONRUN.Id.eq(id)).fetchSingle();
    }
}
