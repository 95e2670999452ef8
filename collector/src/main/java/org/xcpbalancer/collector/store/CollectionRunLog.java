package org.xcpbalancer.collector.store;

import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.xcpbalancer.core.db.UtcTime;

/**
 * The CollectionRun table: a row per run, written 'running' when the run starts and finished with its outcome
 * (success, partial, failed), counts, XAPI requests and warnings. A run that dies without finishing stays
 * 'running' with no FinishedAt, which is itself a sign to the operator.
 */
public final class CollectionRunLog {
    /** CollectionRun.Outcome values. */
    public enum Outcome {
        RUNNING("running"),
        SUCCESS("success"),
        /** Some metrics are missing (a host's RRD could not be read). */
        PARTIAL("partial"),
        FAILED("failed");

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
        return dsl.insertInto(COLLECTIONRUN, COLLECTIONRUN.PoolId, COLLECTIONRUN.StartedAt, COLLECTIONRUN.Outcome)
                .values(poolId, UtcTime.toUtc(startedAt), Outcome.RUNNING.dbValue())
                .returningResult(COLLECTIONRUN.Id).fetchSingle().value1();
    }

    public static void finish(DSLContext dsl, long runId, Instant finishedAt, Outcome outcome, int hosts, int vms,
            long xapiRequests, List<String> warnings) {
        dsl.update(COLLECTIONRUN).set(COLLECTIONRUN.FinishedAt, UtcTime.toUtc(finishedAt))
                .set(COLLECTIONRUN.Outcome, outcome.dbValue()).set(COLLECTIONRUN.HostCount, hosts)
                .set(COLLECTIONRUN.VmCount, vms).set(COLLECTIONRUN.XapiRequests, (int) xapiRequests)
                .set(COLLECTIONRUN.Warnings, warnings.isEmpty() ? null : limit(String.join("\n", warnings)))
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
