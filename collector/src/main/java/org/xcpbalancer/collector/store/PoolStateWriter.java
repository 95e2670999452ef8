package org.xcpbalancer.collector.store;

import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;
import static org.xcpbalancer.core.db.generated.Tables.VMTAG;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStepN;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.xcpbalancer.collector.derive.DerivedPool;
import org.xcpbalancer.collector.derive.HostFacts;
import org.xcpbalancer.collector.derive.VmFacts;

/**
 * Makes the current-state tables (Pool, Host, Vm, Map, VmTag) a picture of one pool, inside the caller's
 * transaction: hosts and VMs that left the pool are deleted (their Map and VmTag rows go with them by cascade),
 * new ones inserted, the rest updated; the pool's Map and VmTag rows are replaced. Other pools' rows are never
 * touched. Multi-row statements keep a 2,000-VM pool to a handful of round trips.
 */
public final class PoolStateWriter {
    /** Rows per multi-row INSERT: well under max_allowed_packet for the widest row. */
    static final int ROWS_PER_STATEMENT = 500;

    private PoolStateWriter() {
    }

    /**
     * The pool's row, created on first sight; name and master refreshed. Runs on its own (short transaction)
     * at the start of a collection so the run can be logged against the pool.
     *
     * @return Pool.Id
     */
    public static int upsertPool(DSLContext dsl, String poolUuid, String poolName, String masterAddress) {
        dsl.insertInto(POOL, POOL.UUID, POOL.Name, POOL.MasterAddress)
                .values(poolUuid, poolName == null ? "" : poolName, masterAddress)
                .onDuplicateKeyUpdate()
                .set(POOL.Name, SqlValues.values(POOL.Name))
                .set(POOL.MasterAddress, SqlValues.values(POOL.MasterAddress))
                .execute();
        return dsl.select(POOL.Id).from(POOL).where(POOL.UUID.eq(poolUuid)).fetchSingle(POOL.Id);
    }

    /** Writes the picture; call inside one transaction together with the samples and the run's end. */
    public static void write(DSLContext dsl, int poolId, DerivedPool pool, Instant collectedAt) {
        LocalDateTime now = UtcTimes.utc(collectedAt);
        dsl.update(POOL).set(POOL.Name, pool.poolName() == null ? "" : pool.poolName())
                .set(POOL.MasterAddress, pool.masterAddress()).set(POOL.LastCollectedAt, now)
                .where(POOL.Id.eq(poolId)).execute();

        Set<String> vmUuids = new HashSet<>();
        pool.vms().forEach(vm -> vmUuids.add(vm.uuid()));
        Set<String> hostUuids = new HashSet<>();
        pool.hosts().forEach(host -> hostUuids.add(host.uuid()));

        // Leavers first: their Map and VmTag rows cascade.
        deleteMissing(dsl, VM, VM.PoolId, VM.UUID, poolId, vmUuids);
        deleteMissing(dsl, HOST, HOST.PoolId, HOST.UUID, poolId, hostUuids);

        upsertHosts(dsl, poolId, pool.hosts(), now);
        upsertVms(dsl, poolId, pool.vms(), now);

        // Replace this pool's Map and VmTag rows (rows of VMs in other pools are not selected).
        dsl.deleteFrom(MAP).where(MAP.VmUuid.in(DSL.select(VM.UUID).from(VM).where(VM.PoolId.eq(poolId)))).execute();
        dsl.deleteFrom(VMTAG).where(VMTAG.VmUuid.in(DSL.select(VM.UUID).from(VM).where(VM.PoolId.eq(poolId)))).execute();
        List<VmFacts> resident = pool.vms().stream().filter(vm -> vm.hostUuid() != null && hostUuids.contains(vm.hostUuid()))
                .toList();
        for (List<VmFacts> chunk : chunks(resident)) {
            var insert = dsl.insertInto(MAP, MAP.HostUuid, MAP.VmUuid);
            for (VmFacts vm : chunk) {
                insert = insert.values(vm.hostUuid(), vm.uuid());
            }
            insert.execute();
        }
        List<String[]> tags = new ArrayList<>();
        pool.vms().forEach(vm -> vm.tags().forEach(tag -> tags.add(new String[] {vm.uuid(), tag})));
        for (List<String[]> chunk : chunks(tags)) {
            var insert = dsl.insertInto(VMTAG, VMTAG.VmUuid, VMTAG.Tag);
            for (String[] tag : chunk) {
                insert = insert.values(tag[0], tag[1]);
            }
            insert.execute();
        }
    }

    private static void deleteMissing(DSLContext dsl, org.jooq.Table<?> table, Field<Integer> poolField,
            Field<String> uuidField, int poolId, Set<String> present) {
        List<String> existing = dsl.select(uuidField).from(table).where(poolField.eq(poolId)).fetch(uuidField);
        List<String> gone = existing.stream().filter(uuid -> !present.contains(uuid)).toList();
        for (List<String> chunk : chunks(gone)) {
            dsl.deleteFrom(table).where(uuidField.in(chunk)).and(poolField.eq(poolId)).execute();
        }
    }

    private static void upsertHosts(DSLContext dsl, int poolId, List<HostFacts> hosts, LocalDateTime now) {
        Field<?>[] fields = {HOST.UUID, HOST.MemoryTotalMb, HOST.MemoryFreeMb, HOST.XapiMemoryUsageMb,
            HOST.XapiFreeMemoryMb, HOST.PifLoRxKb, HOST.PifLoTxKb, HOST.PifEth0RxKb, HOST.PifEth0TxKb,
            HOST.Dom0LoadAvg, HOST.CpuAverage, HOST.Ip, HOST.CpuNum, HOST.Name, HOST.PoolId, HOST.Enabled,
            HOST.Live, HOST.MetricsAt, HOST.UpdatedAt};
        for (List<HostFacts> chunk : chunks(hosts)) {
            InsertValuesStepN<?> insert = dsl.insertInto(HOST, fields);
            for (HostFacts h : chunk) {
                insert = insert.values(h.uuid(), h.memoryTotalMb(), h.memoryFreeMb(), h.xapiMemoryUsageMb(),
                        h.xapiFreeMemoryMb(), h.pifLoRxKb(), h.pifLoTxKb(), h.pifEth0RxKb(), h.pifEth0TxKb(),
                        h.dom0LoadAvg(), h.cpuAverage(), h.ip(), h.cpuNum(), h.name(), poolId, h.enabled(), h.live(),
                        UtcTimes.utc(h.metricsAt()), now);
            }
            insert.onDuplicateKeyUpdate().set(updateAll(fields)).execute();
        }
    }

    private static void upsertVms(DSLContext dsl, int poolId, List<VmFacts> vms, LocalDateTime now) {
        Field<?>[] fields = {VM.UUID, VM.MemoryMb, VM.MemoryInternalFreeMb, VM.Vif0TxKb, VM.Vif0RxKb,
            VM.VcpuAverage, VM.VcpuNum, VM.PowerState, VM.IsControlDomain, VM.Name, VM.PoolId, VM.MetricsAt,
            VM.UpdatedAt};
        for (List<VmFacts> chunk : chunks(vms)) {
            InsertValuesStepN<?> insert = dsl.insertInto(VM, fields);
            for (VmFacts v : chunk) {
                insert = insert.values(v.uuid(), v.memoryMb(), v.memoryInternalFreeMb(), v.vif0TxKb(), v.vif0RxKb(),
                        v.vcpuAverage(), v.vcpuNum(), v.powerState(), v.controlDomain(), v.name(), poolId,
                        UtcTimes.utc(v.metricsAt()), now);
            }
            insert.onDuplicateKeyUpdate().set(updateAll(fields)).execute();
        }
    }

    /** col = VALUES(col) for every column but the key. */
    private static java.util.Map<Field<?>, Field<?>> updateAll(Field<?>[] fields) {
        java.util.Map<Field<?>, Field<?>> updates = new java.util.LinkedHashMap<>();
        for (int i = 1; i < fields.length; i++) {
            updates.put(fields[i], SqlValues.values(fields[i]));
        }
        return updates;
    }

    static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += ROWS_PER_STATEMENT) {
            chunks.add(items.subList(i, Math.min(items.size(), i + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }

}
