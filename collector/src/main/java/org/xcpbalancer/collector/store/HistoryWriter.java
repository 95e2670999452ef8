package org.xcpbalancer.collector.store;

import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.xcpbalancer.collector.derive.DerivedPool;
import org.xcpbalancer.collector.derive.HostFacts;
import org.xcpbalancer.collector.derive.VmFacts;

/**
 * Appends one 'raw' sample per host and per running VM to HostSample and VmSample, stamped with the collection
 * time. Called inside the collection's transaction, so history and current state never disagree. NULL metrics
 * stay NULL in the samples (the thinner's averages skip them).
 */
public final class HistoryWriter {
    public static final String RAW = "raw";
    public static final String HOUR = "hour";

    private HistoryWriter() {
    }

    public static void append(DSLContext dsl, int poolId, DerivedPool pool, Instant collectedAt) {
        LocalDateTime at = UtcTimes.utc(collectedAt);
        Map<String, Integer> guestsPerHost = new HashMap<>();
        for (VmFacts vm : pool.vms()) {
            if (vm.hostUuid() != null && !vm.controlDomain()) {
                guestsPerHost.merge(vm.hostUuid(), 1, Integer::sum);
            }
        }
        Field<?>[] hostFields = {HOSTSAMPLE.PoolId, HOSTSAMPLE.HostUuid, HOSTSAMPLE.Resolution, HOSTSAMPLE.SampledAt,
            HOSTSAMPLE.MemoryTotalMb, HOSTSAMPLE.MemoryFreeMb, HOSTSAMPLE.XapiMemoryUsageMb,
            HOSTSAMPLE.XapiFreeMemoryMb, HOSTSAMPLE.PifLoRxKb, HOSTSAMPLE.PifLoTxKb, HOSTSAMPLE.PifEth0RxKb,
            HOSTSAMPLE.PifEth0TxKb, HOSTSAMPLE.Dom0LoadAvg, HOSTSAMPLE.CpuAverage, HOSTSAMPLE.VmCount};
        for (List<HostFacts> chunk : PoolStateWriter.chunks(pool.hosts())) {
            InsertValuesStepN<?> insert = dsl.insertInto(HOSTSAMPLE, hostFields);
            for (HostFacts h : chunk) {
                insert = insert.values(poolId, h.uuid(), RAW, at, h.memoryTotalMb(), h.memoryFreeMb(),
                        h.xapiMemoryUsageMb(), h.xapiFreeMemoryMb(), h.pifLoRxKb(), h.pifLoTxKb(), h.pifEth0RxKb(),
                        h.pifEth0TxKb(), h.dom0LoadAvg(), h.cpuAverage(), guestsPerHost.getOrDefault(h.uuid(), 0));
            }
            insert.onDuplicateKeyUpdate().set(HOSTSAMPLE.CpuAverage, SqlValues.values(HOSTSAMPLE.CpuAverage)).execute();
        }
        List<VmFacts> running = pool.vms().stream().filter(vm -> vm.hostUuid() != null).toList();
        JdbcBatch.run(dsl, "INSERT INTO `VmSample` (`PoolId`, `VmUuid`, `HostUuid`, `Resolution`, `SampledAt`, `MemoryMb`,"
                + " `MemoryInternalFreeMb`, `Vif0TxKb`, `Vif0RxKb`, `VcpuAverage`, `VcpuNum`)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", running, (statement, v) -> {
                    statement.setInt(1, poolId);
                    statement.setString(2, v.uuid());
                    statement.setString(3, v.hostUuid());
                    statement.setString(4, RAW);
                    JdbcBatch.setTime(statement, 5, at);
                    JdbcBatch.setLong(statement, 6, v.memoryMb());
                    JdbcBatch.setLong(statement, 7, v.memoryInternalFreeMb());
                    JdbcBatch.setDouble(statement, 8, v.vif0TxKb());
                    JdbcBatch.setDouble(statement, 9, v.vif0RxKb());
                    JdbcBatch.setDouble(statement, 10, v.vcpuAverage());
                    JdbcBatch.setInt(statement, 11, v.vcpuNum());
                });
    }
}
