package org.xcpbalancer.collector.store;

import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.service.RunOwner;

/**
 * The CollectionRun table: a row per run, written 'running' when the run starts and finished with its outcome
 * (success, partial, failed), counts, XAPI requests and warnings. The row names its process (host, pid, start
 * time): a run stopped by SIGINT or SIGTERM is marked 'interrupted' on the way out, and one whose process died
 * without a word (kill -9, a crash) is marked 'abandoned' by the next run on that host.
 */
public final class CollectionRunLog {
    /** CollectionRun.Outcome values. */
    public enum Outcome {
        RUNNING("running"),
        SUCCESS("success"),
        /** Some metrics are missing (a host's RRD could not be read). */
        PARTIAL("partial"),
        FAILED("failed"),
        /** The process was stopped (SIGINT, SIGTERM) before the run finished. */
        INTERRUPTED("interrupted"),
        /** The process ended without finishing the run (kill -9, a crash); found by a later run. */
        ABANDONED("abandoned");

        private final String dbValue;

        Outcome(String dbValue) {
            this.dbValue = dbValue;
        }

        /** The value stored in CollectionRun.Outcome. */
        public String dbValue() {
            return dbValue;
        }
    }

    private static final int TEXT_LIMIT = 60_000;

    private CollectionRunLog() {
    }

    public static long start(DSLContext dsl, Integer poolId, Instant startedAt) {
        RunOwner owner = RunOwner.current();
        return dsl.insertInto(COLLECTIONRUN, COLLECTIONRUN.PoolId, COLLECTIONRUN.StartedAt, COLLECTIONRUN.Outcome,
                        COLLECTIONRUN.Host, COLLECTIONRUN.Pid, COLLECTIONRUN.ProcessStartedAt)
                .values(poolId, UtcTime.toUtc(startedAt), Outcome.RUNNING.dbValue(), owner.host(), owner.pid(),
                        UtcTime.toUtc(owner.processStartedAt()))
                .returningResult(COLLECTIONRUN.Id).fetchSingle().value1();
    }

    /**
     * SIGINT or SIGTERM: this process's rows still 'running' become 'interrupted'. Chosen by owner (host, pid,
     * process start), not by id, so a row already visible to others is marked even when the signal came between
     * its insert and the moment its id was known.
     */
    public static void interrupted(DSLContext dsl, Instant at) {
        RunOwner owner = RunOwner.current();
        dsl.update(COLLECTIONRUN).set(COLLECTIONRUN.Outcome, Outcome.INTERRUPTED.dbValue())
                .set(COLLECTIONRUN.FinishedAt, UtcTime.toUtc(at))
                .set(COLLECTIONRUN.Error, "interrupted: the collector was stopped (SIGINT or SIGTERM) before the run finished")
                .where(COLLECTIONRUN.Outcome.eq(Outcome.RUNNING.dbValue())).and(COLLECTIONRUN.Host.eq(owner.host()))
                .and(COLLECTIONRUN.Pid.eq(owner.pid()))
                .and(COLLECTIONRUN.ProcessStartedAt.eq(UtcTime.toUtc(owner.processStartedAt()))).execute();
    }

    /**
     * Marks 'abandoned' every run of this host still 'running' whose process is gone.
     *
     * @return the ids marked
     */
    public static List<Long> markAbandoned(DSLContext dsl, Instant at) {
        List<Long> marked = new java.util.ArrayList<>();
        for (var row : dsl.select(COLLECTIONRUN.Id, COLLECTIONRUN.Pid, COLLECTIONRUN.ProcessStartedAt).from(COLLECTIONRUN)
                .where(COLLECTIONRUN.Outcome.eq(Outcome.RUNNING.dbValue()))
                .and(COLLECTIONRUN.Host.eq(RunOwner.current().host())).fetch()) {
            RunOwner owner = new RunOwner(RunOwner.current().host(), row.value2(), UtcTime.toInstant(row.value3()));
            if (owner.isAlive()) {
                continue;
            }
            int changed = dsl.update(COLLECTIONRUN).set(COLLECTIONRUN.Outcome, Outcome.ABANDONED.dbValue())
                    .set(COLLECTIONRUN.FinishedAt, UtcTime.toUtc(at))
                    .set(COLLECTIONRUN.Error, "abandoned: process " + owner.pid() + " on " + owner.host()
                            + " ended without finishing the run (killed or crashed)")
                    .where(COLLECTIONRUN.Id.eq(row.value1()))
                    .and(COLLECTIONRUN.Outcome.eq(Outcome.RUNNING.dbValue())).execute();
            if (changed == 1) {
                marked.add(row.value1());
            }
        }
        return marked;
    }

    public static void finish(DSLContext dsl, long runId, Instant finishedAt, Outcome outcome, int hosts, int vms,
            long xapiRequests, List<String> warnings) {
        dsl.update(COLLECTIONRUN).set(COLLECTIONRUN.FinishedAt, UtcTime.toUtc(finishedAt))
                .set(COLLECTIONRUN.Outcome, outcome.dbValue()).set(COLLECTIONRUN.HostCount, hosts)
                .set(COLLECTIONRUN.VmCount, vms).set(COLLECTIONRUN.XapiRequests, (int) xapiRequests)
                .set(COLLECTIONRUN.Warnings, warnings.isEmpty() ? null : limit(String.join("\n", warnings)))
                // a run that finished while its process was shutting down is no longer 'interrupted'
                .set(COLLECTIONRUN.Error, (String) null)
                .where(COLLECTIONRUN.Id.eq(runId)).execute();
    }

    /** A failed run: finishes the started row, or records a whole row when the run failed before it had one. */
    public static void failed(DSLContext dsl, Long runId, Integer poolId, Instant startedAt, Instant finishedAt,
            long xapiRequests, String error) {
        if (runId == null) {
            dsl.insertInto(COLLECTIONRUN, COLLECTIONRUN.PoolId, COLLECTIONRUN.StartedAt, COLLECTIONRUN.FinishedAt,
                    COLLECTIONRUN.Outcome, COLLECTIONRUN.XapiRequests, COLLECTIONRUN.Error)
                    .values(poolId, UtcTime.toUtc(startedAt), UtcTime.toUtc(finishedAt), Outcome.FAILED.dbValue(),
                            (int) xapiRequests, limit(error))
                    .execute();
        } else {
            dsl.update(COLLECTIONRUN).set(COLLECTIONRUN.FinishedAt, UtcTime.toUtc(finishedAt))
                    .set(COLLECTIONRUN.Outcome, Outcome.FAILED.dbValue())
                    .set(COLLECTIONRUN.XapiRequests, (int) xapiRequests)
                    .set(COLLECTIONRUN.Error, limit(error)).where(COLLECTIONRUN.Id.eq(runId)).execute();
        }
    }

    private static String limit(String text) {
        return text == null || text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT) + "...";
    }
}
