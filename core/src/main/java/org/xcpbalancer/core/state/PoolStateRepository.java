package org.xcpbalancer.core.state;

import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;
import static org.xcpbalancer.core.db.generated.Tables.VMTAG;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
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
        PoolRef fresh = Optional.ofNullable(dsl.selectFrom(POOL).where(POOL.Id.eq(pool.id())).fetchOne())
                .map(PoolStateRepository::toRef).orElse(pool);
        List<HostState> hosts = dsl.selectFrom(HOST).where(HOST.PoolId.eq(pool.id())).fetch(PoolStateRepository::toHost);
        Map<String, String> residence = dsl.select(MAP.VmUuid, MAP.HostUuid).from(MAP).join(HOST).on(HOST.UUID.eq(MAP.HostUuid))
                .where(HOST.PoolId.eq(pool.id())).fetchMap(MAP.VmUuid, MAP.HostUuid);
        Map<String, Set<String>> tags = dsl.select(VMTAG.VmUuid, VMTAG.Tag).from(VMTAG).join(VM).on(VM.UUID.eq(VMTAG.VmUuid))
                .where(VM.PoolId.eq(pool.id())).fetch().stream()
                .collect(Collectors.groupingBy(r -> r.get(VMTAG.VmUuid), Collectors.mapping(r -> r.get(VMTAG.Tag),
                        Collectors.toCollection(HashSet::new))));
        List<VmState> vms = dsl.selectFrom(VM).where(VM.PoolId.eq(pool.id())).fetch(vm -> new VmState(vm.getUUID(),
                vm.getName(), residence.get(vm.getUUID()), vm.getMemoryMb(), vm.getMemoryInternalFreeMb(), vm.getVif0RxKb(),
                vm.getVif0TxKb(), vm.getVcpuAverage(), vm.getVcpuNum(), vm.getPowerState(),
                Boolean.TRUE.equals(vm.getIsControlDomain()), tags.getOrDefault(vm.getUUID(), Set.of()),
                UtcTime.toInstant(vm.getMetricsAt()), UtcTime.toInstant(vm.getUpdatedAt())));
        return new PoolState(fresh, hosts, vms);
    }

    static PoolRef toRef(PoolRecord pool) {
        return new PoolRef(pool.getId(), pool.getUUID(), pool.getName(), pool.getMasterAddress(),
                Optional.ofNullable(UtcTime.toInstant(pool.getLastCollectedAt())));
    }

    private static HostState toHost(HostRecord h) {
        return new HostState(h.getUUID(), h.getName(), h.getIp(), h.getCpuNum(), h.getMemoryTotalMb(), h.getMemoryFreeMb(),
                h.getXapiMemoryUsageMb(), h.getXapiFreeMemoryMb(), h.getPifLoRxKb(), h.getPifLoTxKb(), h.getPifEth0RxKb(),
                h.getPifEth0TxKb(), h.getDom0LoadAvg(), h.getCpuAverage(), !Boolean.FALSE.equals(h.getEnabled()),
                h.getLive(), UtcTime.toInstant(h.getMetricsAt()), UtcTime.toInstant(h.getUpdatedAt()));
    }

}
