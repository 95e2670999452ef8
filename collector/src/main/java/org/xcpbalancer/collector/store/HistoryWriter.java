package org.xcpbalancer.collector.store;

import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.VMSAMPLE;

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
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.state.SampleResolution;

/**
 * Appends one 'raw' sample per host and per running VM to HostSample and VmSample, stamped with the collection
 * time. Called inside the collection's transaction, so history and current state never disagree. NULL metrics
 * stay NULL in the samples (the thinner's averages skip them).
 */
public final class HistoryWriter {
    private HistoryWriter() {
    }

    public static void append(DSLContext dsl, int poolId, DerivedPool pool, Instant collectedAt) {
        LocalDateTime at = UtcTime.toUtc(collectedAt);
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
                insert = insert.values(poolId, h.uuid(), SampleResolution.RAW.dbValue(), at, h.memoryTotalMb(), h.memoryFreeMb(),
                        h.xapiMemoryUsageMb(), h.xapiFreeMemoryMb(), h.pifLoRxKb(), h.pifLoTxKb(), h.pifEth0RxKb(),
                        h.pifEth0TxKb(), h.dom0LoadAvg(), h.cpuAverage(), guestsPerHost.getOrDefault(h.uuid(), 0));
            }
            insert.onDuplicateKeyUpdate().set(HOSTSAMPLE.CpuAverage, SqlValues.values(HOSTSAMPLE.CpuAverage)).execute();
        }
        List<VmFacts> running = pool.vms().stream().filter(vm -> vm.hostUuid() != null).toList();
        JdbcBatch.insert(dsl, VMSAMPLE, List.of(
                JdbcBatch.column(VMSAMPLE.PoolId, v -> poolId),
                JdbcBatch.column(VMSAMPLE.VmUuid, VmFacts::uuid),
                JdbcBatch.column(VMSAMPLE.HostUuid, VmFacts::hostUuid),
                JdbcBatch.column(VMSAMPLE.Resolution, v -> SampleResolution.RAW.dbValue()),
                JdbcBatch.column(VMSAMPLE.SampledAt, v -> at),
                JdbcBatch.column(VMSAMPLE.MemoryMb, VmFacts::memoryMb),
                JdbcBatch.column(VMSAMPLE.MemoryInternalFreeMb, VmFacts::memoryInternalFreeMb),
                JdbcBatch.column(VMSAMPLE.Vif0TxKb, VmFacts::vif0TxKb),
                JdbcBatch.column(VMSAMPLE.Vif0RxKb, VmFacts::vif0RxKb),
                JdbcBatch.column(VMSAMPLE.VcpuAverage, VmFacts::vcpuAverage),
                JdbcBatch.column(VMSAMPLE.VcpuNum, VmFacts::vcpuNum)), running);
    }
}
