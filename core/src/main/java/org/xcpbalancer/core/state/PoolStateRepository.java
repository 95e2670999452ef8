package org.xcpbalancer.core.state;

import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.HOSTTAG;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;
import static org.xcpbalancer.core.db.generated.Tables.VMGROUP;
import static org.xcpbalancer.core.db.generated.Tables.VMGROUPMEMBER;
import static org.xcpbalancer.core.db.generated.Tables.VMTAG;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Result;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.HostRecord;
import org.xcpbalancer.core.db.generated.tables.records.PoolRecord;

/** Reads the pools and their current state as the collector last wrote it. Read-only. */
public final class PoolStateRepository {
    private final Database database;

    public PoolStateRepository(Database database) {
        this.database = database;
    }

    public List<PoolRef> pools() {
        return database.dsl().selectFrom(POOL).orderBy(POOL.Name).fetch(PoolStateRepository::toRef);
    }

    /** A pool by uuid or by name (case-insensitive). */
    public Optional<PoolRef> pool(String nameOrUuid) {
        String key = nameOrUuid.trim();
        List<PoolRef> pools = pools();
        return pools.stream().filter(p -> p.uuid().equalsIgnoreCase(key)).findFirst()
                .or(() -> pools.stream().filter(p -> p.name().equals(key)).findFirst())
                .or(() -> pools.stream().filter(p -> p.name().equalsIgnoreCase(key)).findFirst());
    }

    /** One consistent snapshot: read in a single transaction, so a collection in progress is never half seen. */
    public PoolState load(PoolRef pool) {
        return database.transactionResult(dsl -> read(dsl, pool));
    }

    private static PoolState read(DSLContext dsl, PoolRef pool) {
        PoolRecord poolRow = dsl.selectFrom(POOL).where(POOL.Id.eq(pool.id())).fetchOne();
        PoolRef fresh = Optional.ofNullable(poolRow).map(PoolStateRepository::toRef).orElse(pool);
        Map<String, Set<String>> hostTags = grouped(dsl.select(HOSTTAG.HostUuid, HOSTTAG.Tag).from(HOSTTAG).join(HOST)
                .on(HOST.UUID.eq(HOSTTAG.HostUuid)).where(HOST.PoolId.eq(pool.id())).fetch(), HOSTTAG.HostUuid, HOSTTAG.Tag);
        List<HostState> hosts = dsl.selectFrom(HOST).where(HOST.PoolId.eq(pool.id()))
                .fetch(h -> toHost(h, hostTags.getOrDefault(h.getUUID(), Set.of())));
        Map<String, String> residence = dsl.select(MAP.VmUuid, MAP.HostUuid).from(MAP).join(HOST).on(HOST.UUID.eq(MAP.HostUuid))
                .where(HOST.PoolId.eq(pool.id())).fetchMap(MAP.VmUuid, MAP.HostUuid);
        Map<String, Set<String>> tags = grouped(dsl.select(VMTAG.VmUuid, VMTAG.Tag).from(VMTAG).join(VM)
                .on(VM.UUID.eq(VMTAG.VmUuid)).where(VM.PoolId.eq(pool.id())).fetch(), VMTAG.VmUuid, VMTAG.Tag);
        Map<String, Set<String>> groupsOfVm = grouped(dsl.select(VMGROUPMEMBER.VmUuid, VMGROUPMEMBER.GroupUuid)
                .from(VMGROUPMEMBER).join(VMGROUP).on(VMGROUP.UUID.eq(VMGROUPMEMBER.GroupUuid))
                .where(VMGROUP.PoolId.eq(pool.id())).fetch(), VMGROUPMEMBER.VmUuid, VMGROUPMEMBER.GroupUuid);
        List<VmState> vms = dsl.selectFrom(VM).where(VM.PoolId.eq(pool.id())).fetch(vm -> new VmState(vm.getUUID(),
                vm.getName(), residence.get(vm.getUUID()), vm.getMemoryMb(), vm.getMemoryInternalFreeMb(), vm.getVif0RxKb(),
                vm.getVif0TxKb(), vm.getVcpuAverage(), vm.getVcpuNum(), vm.getPowerState(),
                Boolean.TRUE.equals(vm.getIsControlDomain()), tags.getOrDefault(vm.getUUID(), Set.of()),
                UtcTime.toInstant(vm.getMetricsAt()), UtcTime.toInstant(vm.getUpdatedAt()),
                !Boolean.FALSE.equals(vm.getMigratable()), vm.getPassthrough(), vm.getCurrentOperation(),
                vm.getHaRestartPriority(), vm.getAffinityHostUuid(), groupsOfVm.getOrDefault(vm.getUUID(), Set.of())));
        List<VmGroup> groups = dsl.selectFrom(VMGROUP).where(VMGROUP.PoolId.eq(pool.id()))
                .fetch(g -> new VmGroup(g.getUUID(), g.getName(), g.getPlacement()));
        PoolHa ha = poolRow == null ? PoolHa.DISABLED : new PoolHa(Boolean.TRUE.equals(poolRow.getHaEnabled()),
                orZero(poolRow.getHaHostFailuresToTolerate()), orZero(poolRow.getHaPlanExistsFor()),
                Boolean.TRUE.equals(poolRow.getHaAllowOvercommit()));
        boolean rollingUpgrade = poolRow != null && Boolean.TRUE.equals(poolRow.getRollingUpgrade());
        return new PoolState(fresh, hosts, vms, groups, ha, rollingUpgrade);
    }

    private static Map<String, Set<String>> grouped(Result<Record2<String, String>> rows, Field<String> key,
            Field<String> value) {
        return rows.stream().collect(Collectors.groupingBy(r -> r.get(key), Collectors.mapping(r -> r.get(value),
                Collectors.toCollection(HashSet::new))));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    static PoolRef toRef(PoolRecord pool) {
        return new PoolRef(pool.getId(), pool.getUUID(), pool.getName(), pool.getMasterAddress(),
                Optional.ofNullable(UtcTime.toInstant(pool.getLastCollectedAt())));
    }

    private static HostState toHost(HostRecord h, Set<String> tags) {
        return new HostState(h.getUUID(), h.getName(), h.getIp(), h.getCpuNum(), h.getMemoryTotalMb(), h.getMemoryFreeMb(),
                h.getXapiMemoryUsageMb(), h.getXapiFreeMemoryMb(), h.getPifLoRxKb(), h.getPifLoTxKb(), h.getPifEth0RxKb(),
                h.getPifEth0TxKb(), h.getDom0LoadAvg(), h.getCpuAverage(), !Boolean.FALSE.equals(h.getEnabled()),
                h.getLive(), UtcTime.toInstant(h.getMetricsAt()), UtcTime.toInstant(h.getUpdatedAt()), tags, h.getPowerOnMode());
    }

}
