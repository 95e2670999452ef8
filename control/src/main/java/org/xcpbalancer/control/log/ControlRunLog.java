package org.xcpbalancer.control.log;

import static org.xcpbalancer.core.db.generated.Tables.CONTROLDECISION;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;

import java.time.Instant;
import java.util.List;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.ControlRunRecord;

/** ControlRun and ControlDecision: one row per run, one per decision, written as they happen. */
public final class ControlRunLog {
    /** ControlRun.Outcome values. */
    public enum Outcome {
        RUNNING("running"),
        BALANCED("balanced"),
        WAITING("waiting"),
        MIGRATED("migrated"),
        BLOCKED("blocked"),
        FAILED("failed"),
        TIMEOUT("timeout"),
        PLANNED("planned"),
        PAUSED("paused");

        private final String dbValue;

        Outcome(String dbValue) {
            this.dbValue = dbValue;
        }

        /** The value stored in ControlRun.Outcome. */
        public String dbValue() {
            return dbValue;
        }
    }

    private final Database database;

    public ControlRunLog(Database database) {
        this.database = database;
    }

    public long start(Integer poolId, boolean dryRun, Instant at) {
        ControlRunRecord row = database.dsl().newRecord(CONTROLRUN);
        row.setPoolId(poolId);
        row.setStartedAt(UtcTime.toUtc(at));
        row.setDryRun(dryRun);
        row.setOutcome(Outcome.RUNNING.dbValue());
        row.store();
        return row.getId();
    }

    public void decisions(long runId, Integer poolId, List<Decision> decisions, Instant at) {
        if (decisions.isEmpty()) {
            return;
        }
        database.transaction(dsl -> {
            var insert = dsl.insertInto(CONTROLDECISION, CONTROLDECISION.RunId, CONTROLDECISION.PoolId,
                    CONTROLDECISION.DecidedAt, CONTROLDECISION.RuleSubject, CONTROLDECISION.RuleThreshold,
                    CONTROLDECISION.HostUuid, CONTROLDECISION.VmUuid, CONTROLDECISION.Action, CONTROLDECISION.Reason);
            for (Decision d : decisions) {
                insert = insert.values(runId, poolId, UtcTime.toUtc(at),
                        d.rule() == null ? null : d.rule().subject().name(),
                        d.rule() == null ? null : d.rule().threshold(), d.hostUuid(), d.vmUuid(), d.action().name(),
                        d.reason());
            }
            insert.execute();
        });
    }

    public void finish(long runId, Outcome outcome, String summary, Instant at) {
        database.dsl().update(CONTROLRUN)
                .set(CONTROLRUN.Outcome, outcome.dbValue())
                .set(CONTROLRUN.Summary, summary)
                .set(CONTROLRUN.FinishedAt, UtcTime.toUtc(at))
                .where(CONTROLRUN.Id.eq(runId)).execute();
    }
}
