package org.xcpbalancer.collector.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;

/**
 * Thins a pool's history the way RRD archives do: raw samples older than collect.rawRetention become one
 * 'hour' average per host (or VM) and hour, then are deleted; hour averages older than collect.hourlyRetention
 * are deleted. Only whole hours are thinned (the cut-off is rounded down to the hour), so each hour is averaged
 * exactly once. Averages skip NULLs: an hour with no measured value stays NULL.
 */
public final class RetentionThinner {
    /** The hour bucket of SampledAt, as DATETIME, on MySQL 8 and MariaDB alike. */
    private static final String HOUR_OF_SAMPLE =
            "TIMESTAMPADD(HOUR, TIMESTAMPDIFF(HOUR, '1970-01-01 00:00:00', SampledAt), '1970-01-01 00:00:00')";

    private RetentionThinner() {
    }

    /** What one thinning did. */
    public record Thinned(int rawSamplesAveraged, int hourlySamplesDeleted) {
    }

    public static Thinned thin(DSLContext dsl, int poolId, Instant now, Duration rawRetention, Duration hourlyRetention) {
        var rawCutoff = UtcTimes.utc(now.minus(rawRetention).truncatedTo(ChronoUnit.HOURS));
        var hourlyCutoff = UtcTimes.utc(now.minus(hourlyRetention));

        dsl.execute("INSERT INTO `HostSample` (PoolId, HostUuid, Resolution, SampledAt, MemoryTotalMb, MemoryFreeMb,"
                + " XapiMemoryUsageMb, XapiFreeMemoryMb, PifLoRxKb, PifLoTxKb, PifEth0RxKb, PifEth0TxKb, Dom0LoadAvg,"
                + " CpuAverage, VmCount)"
                + " SELECT PoolId, HostUuid, 'hour', " + HOUR_OF_SAMPLE + ", ROUND(AVG(MemoryTotalMb)),"
                + " ROUND(AVG(MemoryFreeMb)), ROUND(AVG(XapiMemoryUsageMb)), ROUND(AVG(XapiFreeMemoryMb)), AVG(PifLoRxKb),"
                + " AVG(PifLoTxKb), AVG(PifEth0RxKb), AVG(PifEth0TxKb), AVG(Dom0LoadAvg), AVG(CpuAverage), ROUND(AVG(VmCount))"
                + " FROM `HostSample` WHERE PoolId = ? AND Resolution = 'raw' AND SampledAt < ?"
                + " GROUP BY PoolId, HostUuid, " + HOUR_OF_SAMPLE
                + " ON DUPLICATE KEY UPDATE CpuAverage = VALUES(CpuAverage)", poolId, rawCutoff);
        int hostRaw = dsl.execute("DELETE FROM `HostSample` WHERE PoolId = ? AND Resolution = 'raw' AND SampledAt < ?",
                poolId, rawCutoff);

        dsl.execute("INSERT INTO `VmSample` (PoolId, VmUuid, HostUuid, Resolution, SampledAt, MemoryMb,"
                + " MemoryInternalFreeMb, Vif0TxKb, Vif0RxKb, VcpuAverage, VcpuNum)"
                + " SELECT PoolId, VmUuid, MAX(HostUuid), 'hour', " + HOUR_OF_SAMPLE + ", ROUND(AVG(MemoryMb)),"
                + " ROUND(AVG(MemoryInternalFreeMb)), AVG(Vif0TxKb), AVG(Vif0RxKb), AVG(VcpuAverage), MAX(VcpuNum)"
                + " FROM `VmSample` WHERE PoolId = ? AND Resolution = 'raw' AND SampledAt < ?"
                + " GROUP BY PoolId, VmUuid, " + HOUR_OF_SAMPLE
                + " ON DUPLICATE KEY UPDATE VcpuAverage = VALUES(VcpuAverage)", poolId, rawCutoff);
        int vmRaw = dsl.execute("DELETE FROM `VmSample` WHERE PoolId = ? AND Resolution = 'raw' AND SampledAt < ?",
                poolId, rawCutoff);

        int hourly = dsl.execute("DELETE FROM `HostSample` WHERE PoolId = ? AND Resolution = 'hour' AND SampledAt < ?",
                poolId, hourlyCutoff)
                + dsl.execute("DELETE FROM `VmSample` WHERE PoolId = ? AND Resolution = 'hour' AND SampledAt < ?",
                        poolId, hourlyCutoff);
        return new Thinned(hostRaw + vmRaw, hourly);
    }
}
