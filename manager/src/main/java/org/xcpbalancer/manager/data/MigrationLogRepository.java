package org.xcpbalancer.manager.data;

import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;

import java.time.Duration;
import java.util.List;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.MigrationRecord;

/** Reads the migration log xcp-control writes (the Migration table). Read-only. */
public final class MigrationLogRepository {
    private final Database database;

    public MigrationLogRepository(Database database) {
        this.database = database;
    }

    /** The pool's latest migrations, newest first. */
    public List<MigrationLogRow> recent(int poolId, int limit) {
        return database.dsl().selectFrom(MIGRATION).where(MIGRATION.PoolId.eq(poolId))
                .orderBy(MIGRATION.CreatedAt.desc(), MIGRATION.Id.desc()).limit(limit)
                .fetch(MigrationLogRepository::toEntry);
    }

    private static MigrationLogRow toEntry(MigrationRecord m) {
        return new MigrationLogRow(m.getId(), UtcTime.toInstant(m.getCreatedAt()), m.getVmUuid(),
                m.getVmName() == null ? m.getVmUuid() : m.getVmName(),
                m.getSourceHostName() == null ? m.getSourceHostUuid() : m.getSourceHostName(),
                m.getDestinationHostName() == null ? m.getDestinationHostUuid() : m.getDestinationHostName(),
                m.getRuleSubject(), m.getRuleThreshold(), m.getReason(), m.getPredictedSourceBefore(),
                m.getPredictedSourceAfter(), m.getPredictedDestinationBefore(), m.getPredictedDestinationAfter(),
                m.getMeasuredSourceAfter(), m.getMeasuredDestinationAfter(), m.getState(), m.getXapiError(),
                m.getDurationMs() == null ? null : Duration.ofMillis(m.getDurationMs()));
    }
}
