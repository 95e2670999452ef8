package org.xcpbalancer.guard.state;

import static org.xcpbalancer.core.db.generated.Tables.GUARDACTION;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.xcpbalancer.core.cli.CredentialMask;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.GuardActionRecord;

/**
 * GuardAction, the guard's action log: every action and every "would act but...". An action that changes
 * something is written PLANNED before its XAPI call or command ({@link #plan}) and finished after it
 * ({@link #finish}); the rest is written at once with its final outcome ({@link #record}). Reasons are masked with
 * {@link CredentialMask} (a fence command's output may echo its arguments).
 */
public final class ActionJournal {
    private final Database database;
    private final String owner;

    /** @param owner who writes: "host:pid" of this process, or the xcp-service instance */
    public ActionJournal(Database database, String owner) {
        this.database = database;
        this.owner = owner;
    }

    /** Writes the action as planned, before it is carried out; returns its id for {@link #finish}. */
    public long plan(String poolUuid, ActionDraft draft, Instant at) {
        return insert(poolUuid, draft, ActionOutcome.PLANNED, false, at, null);
    }

    /** Writes an action with its final outcome (an alert, a wait, a dry run's "would"). */
    public long record(String poolUuid, ActionDraft draft, ActionOutcome outcome, boolean dryRun, Instant at) {
        return insert(poolUuid, draft, outcome, dryRun, at, outcome == ActionOutcome.PLANNED ? null : at);
    }

    /** Ends a planned action: done, failed or launched, with why (appended to the planned reason). */
    public void finish(long id, ActionOutcome outcome, String reason, Instant at) {
        database.dsl().update(GUARDACTION).set(GUARDACTION.Outcome, outcome.dbValue())
                .set(GUARDACTION.Reason, CredentialMask.mask(reason))
                .set(GUARDACTION.FinishedAt, outcome == ActionOutcome.LAUNCHED ? null : UtcTime.toUtc(at))
                .where(GUARDACTION.Id.eq(id)).execute();
    }

    /** Actions planned or launched and never finished (their guard died, or is still at it). */
    public List<GuardActionRow> unfinished(String poolUuid) {
        return database.dsl().selectFrom(GUARDACTION).where(GUARDACTION.PoolUuid.eq(poolUuid))
                .and(GUARDACTION.Outcome.in(ActionOutcome.PLANNED.dbValue(), ActionOutcome.LAUNCHED.dbValue()))
                .orderBy(GUARDACTION.Id).fetch(ActionJournal::toRow);
    }

    /** The newest action of that kind on the VM (any outcome). */
    public Optional<GuardActionRow> latestForVm(String poolUuid, String vmUuid, GuardActionKind kind) {
        return database.dsl().selectFrom(GUARDACTION).where(GUARDACTION.PoolUuid.eq(poolUuid))
                .and(GUARDACTION.VmUuid.eq(vmUuid)).and(GUARDACTION.Action.eq(kind.dbValue()))
                .orderBy(GUARDACTION.Id.desc()).limit(1).fetchOptional(ActionJournal::toRow);
    }

    /** The pool's newest actions, newest first (the console's SHOW GUARD). */
    public List<GuardActionRow> recent(String poolUuid, int limit) {
        return database.dsl().selectFrom(GUARDACTION).where(GUARDACTION.PoolUuid.eq(poolUuid))
                .orderBy(GUARDACTION.Id.desc()).limit(limit).fetch(ActionJournal::toRow);
    }

    private long insert(String poolUuid, ActionDraft d, ActionOutcome outcome, boolean dryRun, Instant at,
            Instant finishedAt) {
        return database.dsl().insertInto(GUARDACTION).set(GUARDACTION.PoolUuid, poolUuid)
                .set(GUARDACTION.At, UtcTime.toUtc(at))
                .set(GUARDACTION.FinishedAt, finishedAt == null ? null : UtcTime.toUtc(finishedAt))
                .set(GUARDACTION.HostUuid, d.hostUuid()).set(GUARDACTION.HostName, d.hostName())
                .set(GUARDACTION.VmUuid, d.vmUuid()).set(GUARDACTION.VmName, d.vmName())
                .set(GUARDACTION.TargetHostUuid, d.targetHostUuid()).set(GUARDACTION.TargetHostName, d.targetHostName())
                .set(GUARDACTION.Action, d.kind().dbValue()).set(GUARDACTION.Outcome, outcome.dbValue())
                .set(GUARDACTION.Reason, CredentialMask.mask(d.reason())).set(GUARDACTION.DryRun, dryRun)
                .set(GUARDACTION.Owner, owner)
                .returning(GUARDACTION.Id).fetchOne().getId();
    }

    private static GuardActionRow toRow(GuardActionRecord r) {
        ActionDraft draft = new ActionDraft(GuardActionKind.of(r.getAction()), r.getHostUuid(), r.getHostName(),
                r.getVmUuid(), r.getVmName(), r.getTargetHostUuid(), r.getTargetHostName(), r.getReason());
        return new GuardActionRow(r.getId(), r.getPoolUuid(), UtcTime.toInstant(r.getAt()),
                r.getFinishedAt() == null ? null : UtcTime.toInstant(r.getFinishedAt()), draft,
                ActionOutcome.of(r.getOutcome()), Boolean.TRUE.equals(r.getDryRun()), r.getOwner());
    }
}
