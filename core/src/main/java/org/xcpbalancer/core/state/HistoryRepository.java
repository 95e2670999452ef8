package org.xcpbalancer.core.state;

import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;

import java.time.Instant;
import java.util.List;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.HostSampleRecord;

/** Reads the host history the collector appends. */
public final class HistoryRepository {
    private final Database database;

    public HistoryRepository(Database database) {
        this.database = database;
    }

    /** The host's latest raw samples, newest first. */
    public List<HostSampleRow> recentHostSamples(int poolId, String hostUuid, int limit) {
        return database.dsl().selectFrom(HOSTSAMPLE)
                .where(HOSTSAMPLE.PoolId.eq(poolId), HOSTSAMPLE.HostUuid.eq(hostUuid), HOSTSAMPLE.Resolution.eq(SampleResolution.RAW.dbValue()))
                .orderBy(HOSTSAMPLE.SampledAt.desc()).limit(limit)
                .fetch(HistoryRepository::toRow);
    }

    /** The host's samples since the instant, raw and hourly merged, oldest first. */
    public List<HostSampleRow> hostSamplesSince(int poolId, String hostUuid, Instant since) {
        return database.dsl().selectFrom(HOSTSAMPLE)
                .where(HOSTSAMPLE.PoolId.eq(poolId), HOSTSAMPLE.HostUuid.eq(hostUuid),
                        HOSTSAMPLE.SampledAt.ge(UtcTime.toUtc(since)))
                .orderBy(HOSTSAMPLE.SampledAt.asc())
                .fetch(HistoryRepository::toRow);
    }

    private static HostSampleRow toRow(HostSampleRecord r) {
        return new HostSampleRow(r.getHostUuid(), r.getResolution(), UtcTime.toInstant(r.getSampledAt()),
                r.getMemoryTotalMb(), r.getMemoryFreeMb(), r.getPifEth0RxKb(), r.getPifEth0TxKb(), r.getDom0LoadAvg(),
                r.getCpuAverage(), r.getVmCount());
    }
}
