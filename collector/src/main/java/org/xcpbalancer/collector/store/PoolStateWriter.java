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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.xcpbalancer.collector.derive.DerivedPool;
import org.xcpbalancer.collector.derive.HostFacts;
import org.xcpbalancer.collector.derive.VmFacts;
import org.xcpbalancer.core.db.UtcTime;

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
        LocalDateTime now = UtcTime.toUtc(collectedAt);
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

        // Map and VmTag: only the differences, so a quiet pool costs two SELECTs (most runs change nothing).
        Set<List<String>> placements = new HashSet<>();
        pool.vms().stream().filter(vm -> vm.hostUuid() != null && hostUuids.contains(vm.hostUuid()))
                .forEach(vm -> placements.add(List.of(vm.uuid(), vm.hostUuid())));
        replaceDifferences(dsl, MAP, MAP.VmUuid, MAP.HostUuid, poolId, placements);
        Set<List<String>> tags = new HashSet<>();
        pool.vms().forEach(vm -> vm.tags().forEach(tag -> tags.add(List.of(vm.uuid(), tag))));
        replaceDifferences(dsl, VMTAG, VMTAG.VmUuid, VMTAG.Tag, poolId, tags);
    }

    /**
     * Makes the pool's (VmUuid, other) rows of a table equal to the wanted pairs: deletes the pairs that are no
     * longer true, inserts the new ones.
     */
    private static void replaceDifferences(DSLContext dsl, Table<?> table, Field<String> vmField,
            Field<String> otherField, int poolId, Set<List<String>> wanted) {
        Set<List<String>> existing = new HashSet<>();
        dsl.select(vmField, otherField).from(table).join(VM).on(VM.UUID.eq(vmField)).where(VM.PoolId.eq(poolId))
                .forEach(r -> existing.add(List.of(r.value1(), r.value2())));
        List<List<String>> gone = existing.stream().filter(pair -> !wanted.contains(pair)).toList();
        for (List<List<String>> chunk : chunks(gone)) {
            var condition = DSL.noCondition();
            for (List<String> pair : chunk) {
                condition = condition.or(vmField.eq(pair.get(0)).and(otherField.eq(pair.get(1))));
            }
            dsl.deleteFrom(table).where(condition).execute();
        }
        List<List<String>> added = wanted.stream().filter(pair -> !existing.contains(pair)).toList();
        for (List<List<String>> chunk : chunks(added)) {
            var insert = dsl.insertInto(table, vmField, otherField);
            for (List<String> pair : chunk) {
                insert = insert.values(pair.get(0), pair.get(1));
            }
            insert.execute();
        }
    }

    private static void deleteMissing(DSLContext dsl, Table<?> table, Field<Integer> poolField,
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
                        UtcTime.toUtc(h.metricsAt()), now);
            }
            insert.onDuplicateKeyUpdate().set(updateAll(fields)).execute();
        }
    }

    /**
     * A JDBC batch rather than a jOOQ multi-row statement: the VM rows are the bulk of a collection's writes
     * (see {@link JdbcBatch}).
     */
    private static void upsertVms(DSLContext dsl, int poolId, List<VmFacts> vms, LocalDateTime now) {
        JdbcBatch.upsert(dsl, VM, List.of(
                JdbcBatch.column(VM.UUID, VmFacts::uuid),
                JdbcBatch.column(VM.MemoryMb, VmFacts::memoryMb),
                JdbcBatch.column(VM.MemoryInternalFreeMb, VmFacts::memoryInternalFreeMb),
                JdbcBatch.column(VM.Vif0TxKb, VmFacts::vif0TxKb),
                JdbcBatch.column(VM.Vif0RxKb, VmFacts::vif0RxKb),
                JdbcBatch.column(VM.VcpuAverage, VmFacts::vcpuAverage),
                JdbcBatch.column(VM.VcpuNum, VmFacts::vcpuNum),
                JdbcBatch.column(VM.PowerState, VmFacts::powerState),
                JdbcBatch.column(VM.IsControlDomain, VmFacts::controlDomain),
                JdbcBatch.column(VM.Name, VmFacts::name),
                JdbcBatch.column(VM.PoolId, v -> poolId),
                JdbcBatch.column(VM.MetricsAt, v -> UtcTime.toUtc(v.metricsAt())),
                JdbcBatch.column(VM.UpdatedAt, v -> now)), vms);
    }

    /** col = VALUES(col) for every column but the key. */
    private static Map<Field<?>, Field<?>> updateAll(Field<?>[] fields) {
        Map<Field<?>, Field<?>> updates = new LinkedHashMap<>();
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
