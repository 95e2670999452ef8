package org.xcpbalancer.core.state;

import static org.xcpbalancer.core.db.generated.Tables.HOSTPOWERACTION;

import java.time.Instant;
import java.util.List;
import org.jooq.impl.DSL;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.HostPowerActionRecord;

/**
 * HostPowerAction (V9): xcp-control writes a row before it asks XAPI to power a host off or on and finishes it
 * when the outcome is known; xcp-control reads the newest row per host (which hosts it powered off, which it is
 * waking), xcp-manager the rows of a period (SHOW ENERGY).
 */
public final class HostPowerActionRepository {
    private final Database database;

    public HostPowerActionRepository(Database database) {
        this.database = database;
    }

    /** Stores a started action before XAPI is asked; returns its id. deadline: see {@link HostPowerRecord}. */
    public long start(int poolId, Long runId, String hostUuid, String hostName, PowerActionKind kind, String reason,
            Instant at, Instant deadline) {
        return database.dsl().insertInto(HOSTPOWERACTION, HOSTPOWERACTION.PoolId, HOSTPOWERACTION.RunId,
                HOSTPOWERACTION.HostUuid, HOSTPOWERACTION.HostName, HOSTPOWERACTION.Action, HOSTPOWERACTION.State,
                HOSTPOWERACTION.Reason, HOSTPOWERACTION.StartedAt, HOSTPOWERACTION.DeadlineAt)
                .values(poolId, runId, hostUuid, hostName, kind.dbValue(), PowerActionState.STARTED.dbValue(), reason,
                        UtcTime.toUtc(at), deadline == null ? null : UtcTime.toUtc(deadline))
                .returning(HOSTPOWERACTION.Id).fetchOne().getId();
    }

    /** The action ended: done, or failed with the error (XAPI's code and text, or why it was not taken). */
    public void finish(long id, PowerActionState state, String error, Instant at) {
        database.dsl().update(HOSTPOWERACTION).set(HOSTPOWERACTION.State, state.dbValue())
                .set(HOSTPOWERACTION.Error, error).set(HOSTPOWERACTION.DoneAt, UtcTime.toUtc(at))
                .where(HOSTPOWERACTION.Id.eq(id)).execute();
    }

    /** The newest action of each host of the pool. */
    public List<HostPowerRecord> latestPerHost(int poolId) {
        var newest = DSL.select(DSL.max(HOSTPOWERACTION.Id)).from(HOSTPOWERACTION)
                .where(HOSTPOWERACTION.PoolId.eq(poolId)).groupBy(HOSTPOWERACTION.HostUuid);
        return database.dsl().selectFrom(HOSTPOWERACTION).where(HOSTPOWERACTION.Id.in(newest))
                .fetch(HostPowerActionRepository::toRecord);
    }

    /** Every action of the pool started before {@code to}, oldest first (the energy report walks them). */
    public List<HostPowerRecord> before(int poolId, Instant to) {
        return database.dsl().selectFrom(HOSTPOWERACTION).where(HOSTPOWERACTION.PoolId.eq(poolId))
                .and(HOSTPOWERACTION.StartedAt.lt(UtcTime.toUtc(to)))
                .orderBy(HOSTPOWERACTION.StartedAt, HOSTPOWERACTION.Id).fetch(HostPowerActionRepository::toRecord);
    }

    private static HostPowerRecord toRecord(HostPowerActionRecord r) {
        return new HostPowerRecord(r.getId(), r.getHostUuid(), r.getHostName(), PowerActionKind.of(r.getAction()),
                PowerActionState.of(r.getState()), r.getReason(), UtcTime.toInstant(r.getStartedAt()),
                UtcTime.toInstant(r.getDoneAt()), UtcTime.toInstant(r.getDeadlineAt()), r.getError());
    }
}
