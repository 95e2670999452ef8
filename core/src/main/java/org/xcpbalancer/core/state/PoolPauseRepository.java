package org.xcpbalancer.core.state;

import static org.xcpbalancer.core.db.generated.Tables.POOLPAUSE;

import java.time.Instant;
import java.util.Optional;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.PoolPauseRecord;

/**
 * PoolPause: xcp-manager writes pauses and resumes, xcp-control reads whether a pool is paused. Shared here so
 * both read "paused" the same way (the newest open row, not expired).
 */
public final class PoolPauseRepository {
    private final Database database;

    public PoolPauseRepository(Database database) {
        this.database = database;
    }

    /** The pool's pause in force at now, if any: the newest row not resumed, whose end has not passed. */
    public Optional<PoolPause> active(int poolId, Instant now) {
        return database.dsl().selectFrom(POOLPAUSE).where(POOLPAUSE.PoolId.eq(poolId)).and(POOLPAUSE.ResumedAt.isNull())
                .orderBy(POOLPAUSE.PausedAt.desc(), POOLPAUSE.Id.desc()).limit(1)
                .fetchOptional(PoolPauseRepository::toPause)
                .filter(p -> p.activeAt(now));
    }

    /** Pauses the pool (a pause in force is closed first, so one row is open at a time); returns the new pause. */
    public PoolPause pause(int poolId, Instant at, Optional<Instant> until, String by, Optional<String> reason) {
        return database.transactionResult(dsl -> {
            dsl.update(POOLPAUSE).set(POOLPAUSE.ResumedAt, UtcTime.toUtc(at)).set(POOLPAUSE.ResumedBy, by)
                    .where(POOLPAUSE.PoolId.eq(poolId)).and(POOLPAUSE.ResumedAt.isNull()).execute();
            long id = dsl.insertInto(POOLPAUSE, POOLPAUSE.PoolId, POOLPAUSE.PausedAt, POOLPAUSE.PausedUntil,
                    POOLPAUSE.PausedBy, POOLPAUSE.Reason)
                    .values(poolId, UtcTime.toUtc(at), until.map(UtcTime::toUtc).orElse(null), by, reason.orElse(null))
                    .returning(POOLPAUSE.Id).fetchOne().getId();
            return new PoolPause(id, poolId, at, until, by, reason);
        });
    }

    /** Ends the pool's pause in force; empty when it was not paused (or the pause had expired). */
    public Optional<PoolPause> resume(int poolId, Instant at, String by) {
        return database.transactionResult(dsl -> {
            Optional<PoolPause> open = active(poolId, at);
            dsl.update(POOLPAUSE).set(POOLPAUSE.ResumedAt, UtcTime.toUtc(at)).set(POOLPAUSE.ResumedBy, by)
                    .where(POOLPAUSE.PoolId.eq(poolId)).and(POOLPAUSE.ResumedAt.isNull()).execute();
            return open;
        });
    }

    private static PoolPause toPause(PoolPauseRecord r) {
        return new PoolPause(r.getId(), r.getPoolId(), UtcTime.toInstant(r.getPausedAt()),
                Optional.ofNullable(r.getPausedUntil()).map(UtcTime::toInstant), r.getPausedBy(),
                Optional.ofNullable(r.getReason()).filter(s -> !s.isBlank()));
    }
}
