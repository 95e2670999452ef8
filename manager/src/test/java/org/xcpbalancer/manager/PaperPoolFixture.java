package org.xcpbalancer.manager;

import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.xcpbalancer.collector.CollectionService;
import org.xcpbalancer.collector.CollectorSettings;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.XapiSettings;

/**
 * The paper's pool as rows, written the way the collector writes them: Host1 (4 CPUs, 4069 MB, ~25 %) running
 * "VM1 - Debian"; Host2 (4 CPUs, 4069 MB, 100 %) running "VM2 - Debian" and "VM3 - Ubuntu"; a control domain
 * per host. Plus a few history samples, runs and one migration for the new commands.
 */
public final class PaperPoolFixture {
    public static final Instant NOW = Instant.parse("2026-11-22T16:00:00Z");
    public static final Instant COLLECTED_AT = NOW.minusSeconds(42);

    public static final String POOL_UUID = "5f0e8a1c-2b4d-4c6e-8f10-a1b2c3d4e5f6";
    public static final String HOST1 = "0c5a2d8e-7f31-4b6a-9e20-1d3c5b7a9f01";
    public static final String HOST2 = "7e9b1f42-03ac-4d58-b6e1-2f4a6c8e0b02";
    public static final String VM1 = "3f2a9c1e-5b7d-4e8f-a0c2-4d6e8f0a1b03";
    public static final String VM2 = "8d4b6f0a-2c5e-4a7b-9d1f-3e5a7c9b0d04";
    public static final String VM3 = "b1c3e5a7-9d0f-4b2c-8e4a-6c8e0a2b4d05";
    public static final String DOM0_1 = "d0d0d0d0-1111-4aaa-8bbb-000000000001";
    public static final String DOM0_2 = "d0d0d0d0-2222-4aaa-8bbb-000000000002";

    private PaperPoolFixture() {
    }

    /** One real collection of a (simulated) pool into the database, as xcp-collect runs it from cron. */
    public static void collect(XapiSettings xapi, Database database) {
        try (CollectionService service = new CollectionService(database, CollectorSettings.defaults(), Clock.systemUTC())) {
            service.collectOnce(xapi, notice -> { });
        }
    }

    /** Inserts the pool and returns its id. */
    public static int insert(Database database) {
        return insert(database, "paper", POOL_UUID, "", COLLECTED_AT);
    }

    /**
     * Inserts the paper pool under another name, with every uuid suffixed so several copies can share a
     * database (multi-pool tests).
     */
    public static int insert(Database database, String poolName, String poolUuid, String suffix, Instant collectedAt) {
        return database.transactionResult(dsl -> {
            int poolId = dsl.insertInto(POOL, POOL.UUID, POOL.Name, POOL.MasterAddress, POOL.LastCollectedAt)
                    .values(poolUuid, poolName, "192.168.0.101", utc(collectedAt)).returning(POOL.Id).fetchOne().getId();
            host(dsl, poolId, HOST1 + suffix, "Host1", "192.168.0.101", 4069L, 2745L, 25.4, 0.12, collectedAt);
            host(dsl, poolId, HOST2 + suffix, "Host2", "192.168.0.102", 4069L, 1525L, 100.0, 0.87, collectedAt);
            vm(dsl, poolId, VM1 + suffix, "VM1 - Debian", 1024L, 813L, 0.0, 6.0, 50.0, 2, false, HOST1 + suffix, collectedAt);
            vm(dsl, poolId, VM2 + suffix, "VM2 - Debian", 256L, 98L, 1.0, 3.0, 100.0, 2, false, HOST2 + suffix, collectedAt);
            vm(dsl, poolId, VM3 + suffix, "VM3 - Ubuntu", 1024L, 412L, 2.0, 4.0, 67.0, 3, false, HOST2 + suffix, collectedAt);
            vm(dsl, poolId, DOM0_1 + suffix, "Control domain on host: Host1", 800L, null, null, null, 3.5, 4, true,
                    HOST1 + suffix, collectedAt);
            vm(dsl, poolId, DOM0_2 + suffix, "Control domain on host: Host2", 800L, null, null, null, 4.5, 4, true,
                    HOST2 + suffix, collectedAt);
            return poolId;
        });
    }

    /** History, runs and a migration log entry, for SHOW HISTORY HOST, SHOW RUNS and SHOW MIGRATIONS. */
    public static void insertHistory(Database database, int poolId) {
        database.transaction(dsl -> {
            for (int i = 0; i < 12; i++) {
                Instant at = COLLECTED_AT.minus(Duration.ofMinutes(11 - i));
                double cpu = i < 6 ? 40 + i * 10 : 100;
                dsl.insertInto(HOSTSAMPLE, HOSTSAMPLE.PoolId, HOSTSAMPLE.HostUuid, HOSTSAMPLE.Resolution,
                        HOSTSAMPLE.SampledAt, HOSTSAMPLE.MemoryTotalMb, HOSTSAMPLE.MemoryFreeMb, HOSTSAMPLE.CpuAverage,
                        HOSTSAMPLE.VmCount, HOSTSAMPLE.PifEth0RxKb, HOSTSAMPLE.PifEth0TxKb)
                        .values(poolId, HOST2, "raw", utc(at), 4069L, 1525L, cpu, 2, 10.0, 20.0).execute();
            }
            dsl.insertInto(COLLECTIONRUN, COLLECTIONRUN.PoolId, COLLECTIONRUN.StartedAt, COLLECTIONRUN.FinishedAt,
                    COLLECTIONRUN.Outcome, COLLECTIONRUN.HostCount, COLLECTIONRUN.VmCount, COLLECTIONRUN.XapiRequests)
                    .values(poolId, utc(COLLECTED_AT.minusMillis(350)), utc(COLLECTED_AT), "success", 2, 5, 7).execute();
            dsl.insertInto(COLLECTIONRUN, COLLECTIONRUN.PoolId, COLLECTIONRUN.StartedAt, COLLECTIONRUN.FinishedAt,
                    COLLECTIONRUN.Outcome, COLLECTIONRUN.HostCount, COLLECTIONRUN.VmCount, COLLECTIONRUN.Warnings)
                    .values(poolId, utc(COLLECTED_AT.minusSeconds(60)), utc(COLLECTED_AT.minusSeconds(59)), "partial", 2, 5,
                            "host Host2: /rrd_updates timed out after 10s").execute();
            long runId = dsl.insertInto(CONTROLRUN, CONTROLRUN.PoolId, CONTROLRUN.StartedAt, CONTROLRUN.FinishedAt,
                    CONTROLRUN.Outcome, CONTROLRUN.Summary)
                    .values(poolId, utc(COLLECTED_AT.minusSeconds(30)), utc(COLLECTED_AT.minusSeconds(18)), "migrated",
                            "1 migration: VM2 - Debian Host2 -> Host1").returning(CONTROLRUN.Id).fetchOne().getId();
            dsl.insertInto(MIGRATION, MIGRATION.PoolId, MIGRATION.RunId, MIGRATION.VmUuid, MIGRATION.VmName,
                    MIGRATION.SourceHostUuid, MIGRATION.SourceHostName, MIGRATION.DestinationHostUuid,
                    MIGRATION.DestinationHostName, MIGRATION.RuleSubject, MIGRATION.RuleThreshold, MIGRATION.Reason,
                    MIGRATION.PredictedSourceBefore, MIGRATION.PredictedSourceAfter, MIGRATION.PredictedDestinationBefore,
                    MIGRATION.PredictedDestinationAfter, MIGRATION.MeasuredSourceAfter, MIGRATION.MeasuredDestinationAfter,
                    MIGRATION.State, MIGRATION.CreatedAt, MIGRATION.LaunchedAt, MIGRATION.FinishedAt, MIGRATION.DurationMs)
                    .values(poolId, runId, VM2, "VM2 - Debian", HOST2, "Host2", HOST1, "Host1", "CpuAverage", 25.0,
                            "Host2 is 37.3 points above the average", 100.0, 50.0, 25.4, 75.4, 52.0, 74.0, "succeeded",
                            utc(COLLECTED_AT.minusSeconds(29)), utc(COLLECTED_AT.minusSeconds(29)),
                            utc(COLLECTED_AT.minusSeconds(18)), 11_200L).execute();
        });
    }

    private static void host(DSLContext dsl, int poolId, String uuid, String name, String ip, Long totalMb, Long freeMb,
            Double cpu, Double load, Instant at) {
        dsl.insertInto(HOST).set(HOST.UUID, uuid).set(HOST.Name, name).set(HOST.Ip, ip).set(HOST.CpuNum, 4)
                .set(HOST.MemoryTotalMb, totalMb).set(HOST.MemoryFreeMb, freeMb).set(HOST.XapiMemoryUsageMb, 310L)
                .set(HOST.XapiFreeMemoryMb, 190L).set(HOST.PifLoRxKb, 1.5).set(HOST.PifLoTxKb, 1.5)
                .set(HOST.PifEth0RxKb, 12.0).set(HOST.PifEth0TxKb, 8.25).set(HOST.Dom0LoadAvg, load)
                .set(HOST.CpuAverage, cpu).set(HOST.PoolId, poolId).set(HOST.Live, true)
                .set(HOST.MetricsAt, utc(at)).set(HOST.UpdatedAt, utc(at)).execute();
    }

    private static void vm(DSLContext dsl, int poolId, String uuid, String name, Long memoryMb, Long freeMb, Double txKb,
            Double rxKb, Double vcpuAverage, int vcpus, boolean controlDomain, String hostUuid, Instant at) {
        dsl.insertInto(VM).set(VM.UUID, uuid).set(VM.Name, name).set(VM.MemoryMb, memoryMb)
                .set(VM.MemoryInternalFreeMb, freeMb).set(VM.Vif0TxKb, txKb).set(VM.Vif0RxKb, rxKb)
                .set(VM.VcpuAverage, vcpuAverage).set(VM.VcpuNum, vcpus).set(VM.PowerState, "Running")
                .set(VM.IsControlDomain, controlDomain).set(VM.PoolId, poolId)
                .set(VM.MetricsAt, utc(at)).set(VM.UpdatedAt, utc(at)).execute();
        dsl.insertInto(MAP, MAP.HostUuid, MAP.VmUuid).values(hostUuid, uuid).execute();
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
