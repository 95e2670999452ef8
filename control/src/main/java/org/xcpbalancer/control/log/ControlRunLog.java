package org.xcpbalancer.control.log;

import static org.xcpbalancer.core.db.generated.Tables.CONTROLDECISION;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.service.RunOwner;
import org.xcpbalancer.core.db.generated.tables.records.ControlRunRecord;

/**
 * ControlRun and ControlDecision: one row per run, one per decision, written as they happen. A run's row names its
 * process (host, pid, start time): a run stopped by SIGINT or SIGTERM is marked 'interrupted' on the way out, and
 * one whose process died without a word (kill -9, a crash) is marked 'abandoned' by the next run on that host.
 */
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
        PAUSED("paused"),
        /** A freeze window (control.freezeWindows) was open: nothing launched. */
        FROZEN("frozen"),
        /** The process was stopped (SIGINT, SIGTERM) before the run finished. */
        INTERRUPTED("interrupted"),
        /** The process ended without finishing the run (kill -9, a crash); found by a later run. */
        ABANDONED("abandoned");

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
        RunOwner owner = RunOwner.current();
        row.setHost(owner.host());
        row.setPid(owner.pid());
        row.setProcessStartedAt(UtcTime.toUtc(owner.processStartedAt()));
        row.store();
        return row.getId();
    }

    /** SIGINT or SIGTERM: the run's row, if still running, becomes 'interrupted'. */
    public void interrupted(Instant at) {
        RunOwner owner = RunOwner.current();
        database.dsl().update(CONTROLRUN).set(CONTROLRUN.Outcome, Outcome.INTERRUPTED.dbValue())
                .set(CONTROLRUN.FinishedAt, UtcTime.toUtc(at))
                .set(CONTROLRUN.Summary, "interrupted: the controller was stopped (SIGINT or SIGTERM) before the run"
                        + " finished; migrations it launched are followed by the next run")
                .where(CONTROLRUN.Outcome.eq(Outcome.RUNNING.dbValue())).and(CONTROLRUN.Host.eq(owner.host()))
                .and(CONTROLRUN.Pid.eq(owner.pid()))
                .and(CONTROLRUN.ProcessStartedAt.eq(UtcTime.toUtc(owner.processStartedAt()))).execute();
    }

    /**
     * Marks 'abandoned' every run of this host still 'running' whose process is gone.
     *
     * @return the ids marked
     */
    public List<Long> markAbandoned(Instant at) {
        List<Long> marked = new ArrayList<>();
        String host = RunOwner.current().host();
        for (var row : database.dsl().select(CONTROLRUN.Id, CONTROLRUN.Pid, CONTROLRUN.ProcessStartedAt).from(CONTROLRUN)
                .where(CONTROLRUN.Outcome.eq(Outcome.RUNNING.dbValue())).and(CONTROLRUN.Host.eq(host)).fetch()) {
            RunOwner owner = new RunOwner(host, row.value2(), UtcTime.toInstant(row.value3()));
            if (owner.isAlive()) {
                continue;
            }
            int changed = database.dsl().update(CONTROLRUN).set(CONTROLRUN.Outcome, Outcome.ABANDONED.dbValue())
                    .set(CONTROLRUN.FinishedAt, UtcTime.toUtc(at))
                    .set(CONTROLRUN.Summary, "abandoned: process " + owner.pid() + " on " + host
                            + " ended without finishing the run (killed or crashed)")
                    .where(CONTROLRUN.Id.eq(row.value1())).and(CONTROLRUN.Outcome.eq(Outcome.RUNNING.dbValue()))
                    .execute();
            if (changed == 1) {
                marked.add(row.value1());
            }
        }
        return marked;
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
                        d.rule() == null ? null : d.rule().logName(),
                        d.rule() == null ? null : d.rule().threshold(), d.hostUuid(), d.vmUuid(), d.action().name(),
                        d.reason());
            }
            insert.execute();
        });
    }

    /** The mode in force for the run (performance or density), for SHOW STATUS. */
    public void mode(long runId, String mode) {
        database.dsl().update(CONTROLRUN).set(CONTROLRUN.Mode, mode).where(CONTROLRUN.Id.eq(runId)).execute();
    }

    public void finish(long runId, Outcome outcome, String summary, Instant at) {
        database.dsl().update(CONTROLRUN)
                .set(CONTROLRUN.Outcome, outcome.dbValue())
                .set(CONTROLRUN.Summary, summary)
                .set(CONTROLRUN.FinishedAt, UtcTime.toUtc(at))
                .where(CONTROLRUN.Id.eq(runId)).execute();
    }
}
