package org.xcpbalancer.collector.store;

import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.HOSTTAG;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;
import static org.xcpbalancer.core.db.generated.Tables.VMGROUP;
import static org.xcpbalancer.core.db.generated.Tables.VMGROUPMEMBER;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.xcpbalancer.collector.read.PlacementObservation;

/**
 * Writes the placement facts (V3: HostTag, VmGroup, VmGroupMember, the Vm and Pool columns) of one pool, inside
 * the caller's transaction and after {@link PoolStateWriter#write} (the rows it refers to exist by then). Like
 * that writer it changes only what differs from the stored picture, so a quiet pool costs a few SELECTs.
 */
public final class PlacementStateWriter {
    private PlacementStateWriter() {
    }

    public static void write(DSLContext dsl, int poolId, PlacementObservation placement) {
        dsl.update(POOL).set(POOL.HaEnabled, placement.haEnabled())
                .set(POOL.HaHostFailuresToTolerate, placement.haHostFailuresToTolerate())
                .set(POOL.HaPlanExistsFor, placement.haPlanExistsFor())
                .set(POOL.HaAllowOvercommit, placement.haAllowOvercommit())
                .set(POOL.RollingUpgrade, placement.rollingUpgrade())
                .where(POOL.Id.eq(poolId)).execute();
        writeVms(dsl, poolId, placement.vms());
        writeHostTags(dsl, poolId, placement.hostTags());
        writePowerOnModes(dsl, poolId, placement.hostPowerOnModes());
        writeGroups(dsl, poolId, placement.groups());
    }

    /** The VM rows' placement columns, updated where they differ (new rows carry the neutral defaults). */
    private static void writeVms(DSLContext dsl, int poolId, List<PlacementObservation.Vm> vms) {
        Map<String, PlacementObservation.Vm> stored = new HashMap<>();
        dsl.select(VM.UUID, VM.Migratable, VM.Passthrough, VM.CurrentOperation, VM.HaRestartPriority,
                VM.AffinityHostUuid).from(VM).where(VM.PoolId.eq(poolId))
                .forEach(r -> stored.put(r.value1(), new PlacementObservation.Vm(r.value1(),
                        !Boolean.FALSE.equals(r.value2()), r.value3(), r.value4(), r.value5(), r.value6())));
        List<PlacementObservation.Vm> changed = vms.stream()
                .filter(vm -> stored.containsKey(vm.uuid()) && !Objects.equals(stored.get(vm.uuid()), vm)).toList();
        // Only rows that exist are changed, so the upsert always takes its UPDATE branch (a multi-row statement).
        JdbcBatch.upsert(dsl, VM, List.of(
                JdbcBatch.column(VM.UUID, PlacementObservation.Vm::uuid),
                JdbcBatch.column(VM.Migratable, PlacementObservation.Vm::migratable),
                JdbcBatch.column(VM.Passthrough, PlacementObservation.Vm::passthrough),
                JdbcBatch.column(VM.CurrentOperation, PlacementObservation.Vm::currentOperation),
                JdbcBatch.column(VM.HaRestartPriority, PlacementObservation.Vm::haRestartPriority),
                JdbcBatch.column(VM.AffinityHostUuid, PlacementObservation.Vm::affinityHostUuid)), changed);
    }

    /** Host.PowerOnMode (V9), updated where it differs: density mode powers off only hosts it can wake. */
    private static void writePowerOnModes(DSLContext dsl, int poolId, Map<String, String> modes) {
        Map<String, String> stored = dsl.select(HOST.UUID, HOST.PowerOnMode).from(HOST).where(HOST.PoolId.eq(poolId))
                .fetchMap(HOST.UUID, HOST.PowerOnMode);
        modes.forEach((host, mode) -> {
            if (stored.containsKey(host) && !mode.equals(stored.get(host))) {
                dsl.update(HOST).set(HOST.PowerOnMode, mode).where(HOST.UUID.eq(host)).execute();
            }
        });
    }

    private static void writeHostTags(DSLContext dsl, int poolId, Map<String, Set<String>> hostTags) {
        Set<List<String>> wanted = new HashSet<>();
        hostTags.forEach((host, tags) -> tags.forEach(tag -> wanted.add(List.of(host, tag))));
        Set<List<String>> existing = new HashSet<>();
        dsl.select(HOSTTAG.HostUuid, HOSTTAG.Tag).from(HOSTTAG).join(HOST).on(HOST.UUID.eq(HOSTTAG.HostUuid))
                .where(HOST.PoolId.eq(poolId)).forEach(r -> existing.add(List.of(r.value1(), r.value2())));
        for (List<List<String>> chunk : PoolStateWriter.chunks(difference(existing, wanted))) {
            var condition = DSL.noCondition();
            for (List<String> pair : chunk) {
                condition = condition.or(HOSTTAG.HostUuid.eq(pair.get(0)).and(HOSTTAG.Tag.eq(pair.get(1))));
            }
            dsl.deleteFrom(HOSTTAG).where(condition).execute();
        }
        for (List<List<String>> chunk : PoolStateWriter.chunks(difference(wanted, existing))) {
            var insert = dsl.insertInto(HOSTTAG, HOSTTAG.HostUuid, HOSTTAG.Tag);
            for (List<String> pair : chunk) {
                insert = insert.values(pair.get(0), pair.get(1));
            }
            insert.execute();
        }
    }

    /** Groups gone are deleted (their members cascade); the rest upserted; membership replaced by differences. */
    private static void writeGroups(DSLContext dsl, int poolId, List<PlacementObservation.Group> groups) {
        Set<String> present = new HashSet<>();
        groups.forEach(g -> present.add(g.uuid()));
        List<String> gone = dsl.select(VMGROUP.UUID).from(VMGROUP).where(VMGROUP.PoolId.eq(poolId)).fetch(VMGROUP.UUID)
                .stream().filter(uuid -> !present.contains(uuid)).toList();
        for (List<String> chunk : PoolStateWriter.chunks(gone)) {
            dsl.deleteFrom(VMGROUP).where(VMGROUP.UUID.in(chunk)).execute();
        }
        for (List<PlacementObservation.Group> chunk : PoolStateWriter.chunks(groups)) {
            var insert = dsl.insertInto(VMGROUP, VMGROUP.UUID, VMGROUP.PoolId, VMGROUP.Name, VMGROUP.Placement);
            for (PlacementObservation.Group g : chunk) {
                insert = insert.values(g.uuid(), poolId, g.name(), g.placement() == null ? "" : g.placement());
            }
            insert.onDuplicateKeyUpdate().set(VMGROUP.PoolId, SqlValues.values(VMGROUP.PoolId))
                    .set(VMGROUP.Name, SqlValues.values(VMGROUP.Name))
                    .set(VMGROUP.Placement, SqlValues.values(VMGROUP.Placement)).execute();
        }
        Set<String> vmUuids = new HashSet<>(dsl.select(VM.UUID).from(VM).where(VM.PoolId.eq(poolId)).fetch(VM.UUID));
        Set<List<String>> wanted = new HashSet<>();
        groups.forEach(g -> g.memberUuids().stream().filter(vmUuids::contains)
                .forEach(vm -> wanted.add(List.of(g.uuid(), vm))));
        Set<List<String>> existing = new HashSet<>();
        dsl.select(VMGROUPMEMBER.GroupUuid, VMGROUPMEMBER.VmUuid).from(VMGROUPMEMBER).join(VMGROUP)
                .on(VMGROUP.UUID.eq(VMGROUPMEMBER.GroupUuid)).where(VMGROUP.PoolId.eq(poolId))
                .forEach(r -> existing.add(List.of(r.value1(), r.value2())));
        for (List<List<String>> chunk : PoolStateWriter.chunks(difference(existing, wanted))) {
            var condition = DSL.noCondition();
            for (List<String> pair : chunk) {
                condition = condition.or(VMGROUPMEMBER.GroupUuid.eq(pair.get(0)).and(VMGROUPMEMBER.VmUuid.eq(pair.get(1))));
            }
            dsl.deleteFrom(VMGROUPMEMBER).where(condition).execute();
        }
        for (List<List<String>> chunk : PoolStateWriter.chunks(difference(wanted, existing))) {
            var insert = dsl.insertInto(VMGROUPMEMBER, VMGROUPMEMBER.GroupUuid, VMGROUPMEMBER.VmUuid);
            for (List<String> pair : chunk) {
                insert = insert.values(pair.get(0), pair.get(1));
            }
            insert.execute();
        }
    }

    private static List<List<String>> difference(Set<List<String>> from, Set<List<String>> without) {
        List<List<String>> result = new ArrayList<>();
        from.stream().filter(pair -> !without.contains(pair)).forEach(result::add);
        return result;
    }
}
