package org.xcpbalancer.collector.store;

import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.round;
import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.VMSAMPLE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.state.SampleResolution;

/**
 * Thins a pool's history the way RRD archives do: raw samples older than collect.rawRetention become one
 * hourly average per host (or VM) and hour, then are deleted; hourly averages older than collect.hourlyRetention
 * are deleted. Only whole hours are thinned (the cut-off is rounded down to the hour), so each hour is averaged
 * exactly once. Averages skip NULLs: an hour with no measured value stays NULL. The statements are built from
 * the generated fields, so a renamed column fails the build.
 */
public final class RetentionThinner {
    private static final String RAW = SampleResolution.RAW.dbValue();
    private static final String HOURLY = SampleResolution.HOURLY.dbValue();

    private RetentionThinner() {
    }

    /** What one thinning did. */
    public record Thinned(int rawSamplesAveraged, int hourlySamplesDeleted) {
    }

    public static Thinned thin(DSLContext dsl, int poolId, Instant now, Duration rawRetention, Duration hourlyRetention) {
        LocalDateTime rawCutoff = UtcTime.toUtc(now.minus(rawRetention).truncatedTo(ChronoUnit.HOURS));
        LocalDateTime hourlyCutoff = UtcTime.toUtc(now.minus(hourlyRetention));

        Field<LocalDateTime> hostHour = hourOf(HOSTSAMPLE.SampledAt);
        dsl.insertInto(HOSTSAMPLE, HOSTSAMPLE.PoolId, HOSTSAMPLE.HostUuid, HOSTSAMPLE.Resolution, HOSTSAMPLE.SampledAt,
                HOSTSAMPLE.MemoryTotalMb, HOSTSAMPLE.MemoryFreeMb, HOSTSAMPLE.XapiMemoryUsageMb,
                HOSTSAMPLE.XapiFreeMemoryMb, HOSTSAMPLE.PifLoRxKb, HOSTSAMPLE.PifLoTxKb, HOSTSAMPLE.PifEth0RxKb,
                HOSTSAMPLE.PifEth0TxKb, HOSTSAMPLE.Dom0LoadAvg, HOSTSAMPLE.CpuAverage, HOSTSAMPLE.VmCount)
                .select(dsl.select(HOSTSAMPLE.PoolId, HOSTSAMPLE.HostUuid, DSL.inline(HOURLY), hostHour,
                        roundedMean(HOSTSAMPLE.MemoryTotalMb), roundedMean(HOSTSAMPLE.MemoryFreeMb),
                        roundedMean(HOSTSAMPLE.XapiMemoryUsageMb), roundedMean(HOSTSAMPLE.XapiFreeMemoryMb),
                        mean(HOSTSAMPLE.PifLoRxKb), mean(HOSTSAMPLE.PifLoTxKb), mean(HOSTSAMPLE.PifEth0RxKb),
                        mean(HOSTSAMPLE.PifEth0TxKb), mean(HOSTSAMPLE.Dom0LoadAvg), mean(HOSTSAMPLE.CpuAverage),
                        roundedMean(HOSTSAMPLE.VmCount))
                        .from(HOSTSAMPLE)
                        .where(HOSTSAMPLE.PoolId.eq(poolId), HOSTSAMPLE.Resolution.eq(RAW),
                                HOSTSAMPLE.SampledAt.lt(rawCutoff))
                        .groupBy(HOSTSAMPLE.PoolId, HOSTSAMPLE.HostUuid, hostHour))
                .onDuplicateKeyUpdate().set(HOSTSAMPLE.CpuAverage, SqlValues.values(HOSTSAMPLE.CpuAverage))
                .execute();
        int hostRaw = dsl.deleteFrom(HOSTSAMPLE).where(HOSTSAMPLE.PoolId.eq(poolId), HOSTSAMPLE.Resolution.eq(RAW),
                HOSTSAMPLE.SampledAt.lt(rawCutoff)).execute();

        Field<LocalDateTime> vmHour = hourOf(VMSAMPLE.SampledAt);
        dsl.insertInto(VMSAMPLE, VMSAMPLE.PoolId, VMSAMPLE.VmUuid, VMSAMPLE.HostUuid, VMSAMPLE.Resolution,
                VMSAMPLE.SampledAt, VMSAMPLE.MemoryMb, VMSAMPLE.MemoryInternalFreeMb, VMSAMPLE.Vif0TxKb,
                VMSAMPLE.Vif0RxKb, VMSAMPLE.VcpuAverage, VMSAMPLE.VcpuNum)
                .select(dsl.select(VMSAMPLE.PoolId, VMSAMPLE.VmUuid, max(VMSAMPLE.HostUuid), DSL.inline(HOURLY), vmHour,
                        roundedMean(VMSAMPLE.MemoryMb), roundedMean(VMSAMPLE.MemoryInternalFreeMb),
                        mean(VMSAMPLE.Vif0TxKb), mean(VMSAMPLE.Vif0RxKb), mean(VMSAMPLE.VcpuAverage),
                        max(VMSAMPLE.VcpuNum))
                        .from(VMSAMPLE)
                        .where(VMSAMPLE.PoolId.eq(poolId), VMSAMPLE.Resolution.eq(RAW), VMSAMPLE.SampledAt.lt(rawCutoff))
                        .groupBy(VMSAMPLE.PoolId, VMSAMPLE.VmUuid, vmHour))
                .onDuplicateKeyUpdate().set(VMSAMPLE.VcpuAverage, SqlValues.values(VMSAMPLE.VcpuAverage))
                .execute();
        int vmRaw = dsl.deleteFrom(VMSAMPLE).where(VMSAMPLE.PoolId.eq(poolId), VMSAMPLE.Resolution.eq(RAW),
                VMSAMPLE.SampledAt.lt(rawCutoff)).execute();

        int hourly = dsl.deleteFrom(HOSTSAMPLE).where(HOSTSAMPLE.PoolId.eq(poolId), HOSTSAMPLE.Resolution.eq(HOURLY),
                HOSTSAMPLE.SampledAt.lt(hourlyCutoff)).execute()
                + dsl.deleteFrom(VMSAMPLE).where(VMSAMPLE.PoolId.eq(poolId), VMSAMPLE.Resolution.eq(HOURLY),
                        VMSAMPLE.SampledAt.lt(hourlyCutoff)).execute();
        return new Thinned(hostRaw + vmRaw, hourly);
    }

    /** AVG(column), typed as the column (the server converts on insert). */
    private static <T extends Number> Field<T> mean(Field<T> column) {
        return avg(column).coerce(column);
    }

    /** ROUND(AVG(column)), for the integer columns. */
    private static <T extends Number> Field<T> roundedMean(Field<T> column) {
        return round(avg(column)).coerce(column);
    }

    /** The hour bucket of a sample time, as DATETIME, on MySQL 8 and MariaDB alike. */
    private static Field<LocalDateTime> hourOf(Field<LocalDateTime> sampledAt) {
        return DSL.field("TIMESTAMPADD(HOUR, TIMESTAMPDIFF(HOUR, '1970-01-01 00:00:00', {0}), '1970-01-01 00:00:00')",
                sampledAt.getDataType(), sampledAt);
    }
}
