package org.xcpbalancer.core.state;

import static org.xcpbalancer.core.db.generated.Tables.HOSTMAINTENANCE;
import static org.xcpbalancer.core.db.generated.Tables.HOSTMAINTENANCEVM;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.HostMaintenanceRecord;
import org.xcpbalancer.core.state.HostMaintenance.DisabledBy;
import org.xcpbalancer.core.state.HostMaintenance.LeftVm;
import org.xcpbalancer.core.state.HostMaintenance.State;

/**
 * HostMaintenance and HostMaintenanceVm (V8): xcp-manager and xcp-control record requests (EVACUATE, ENABLE), the
 * pool's controller records each step it carries out; the listings and the planners read them. Shared here so
 * every program reads "in maintenance" the same way.
 */
public final class HostMaintenanceRepository {
    private final Database database;

    public HostMaintenanceRepository(Database database) {
        this.database = database;
    }

    /** The host's record (active or ended), if it ever had one. */
    public Optional<HostMaintenance> find(int poolId, String hostUuid) {
        return database.dsl().selectFrom(HOSTMAINTENANCE).where(HOSTMAINTENANCE.PoolId.eq(poolId))
                .and(HOSTMAINTENANCE.HostUuid.eq(hostUuid)).fetchOptional()
                .map(r -> toMaintenance(r, leftVms(database.dsl(), poolId).getOrDefault(hostUuid, List.of())));
    }

    /** Per host uuid, the pool's hosts in maintenance now (every state but ended). */
    public Map<String, HostMaintenance> active(int poolId) {
        Map<String, List<LeftVm>> left = leftVms(database.dsl(), poolId);
        Map<String, HostMaintenance> result = new HashMap<>();
        database.dsl().selectFrom(HOSTMAINTENANCE).where(HOSTMAINTENANCE.PoolId.eq(poolId))
                .and(HOSTMAINTENANCE.State.ne(State.ENDED.dbValue())).fetch()
                .forEach(r -> result.put(r.getHostUuid(), toMaintenance(r, left.getOrDefault(r.getHostUuid(), List.of()))));
        return result;
    }

    /**
     * Records an evacuation request (or a density disable): the host's record starts again in state requested
     * (density: evacuating), whatever an earlier maintenance left in it.
     */
    public HostMaintenance request(int poolId, String hostUuid, String hostName, DisabledBy by, Optional<String> reason,
            String requestedBy, Instant at) {
        State state = by == DisabledBy.DENSITY ? State.EVACUATING : State.REQUESTED;
        database.transaction(dsl -> {
            dsl.deleteFrom(HOSTMAINTENANCE).where(HOSTMAINTENANCE.PoolId.eq(poolId))
                    .and(HOSTMAINTENANCE.HostUuid.eq(hostUuid)).execute();
            dsl.insertInto(HOSTMAINTENANCE).set(HOSTMAINTENANCE.PoolId, poolId).set(HOSTMAINTENANCE.HostUuid, hostUuid)
                    .set(HOSTMAINTENANCE.HostName, hostName).set(HOSTMAINTENANCE.DisabledBy, by.dbValue())
                    .set(HOSTMAINTENANCE.State, state.dbValue()).set(HOSTMAINTENANCE.Reason, reason.orElse(null))
                    .set(HOSTMAINTENANCE.RequestedBy, requestedBy).set(HOSTMAINTENANCE.RequestedAt, UtcTime.toUtc(at))
                    .set(HOSTMAINTENANCE.UpdatedAt, UtcTime.toUtc(at)).execute();
        });
        return find(poolId, hostUuid).orElseThrow();
    }

    /**
     * Records that the host should be enabled again. A host disabled outside xcp-balancer gets a record saying so
     * (disabled by operator). Returns the record as it is now.
     */
    public HostMaintenance requestEnable(int poolId, String hostUuid, String hostName, String requestedBy, Instant at) {
        database.transaction(dsl -> {
            int updated = dsl.update(HOSTMAINTENANCE).set(HOSTMAINTENANCE.State, State.ENABLE_REQUESTED.dbValue())
                    .set(HOSTMAINTENANCE.EnableRequestedBy, requestedBy)
                    .set(HOSTMAINTENANCE.EnableRequestedAt, UtcTime.toUtc(at)).set(HOSTMAINTENANCE.UpdatedAt, UtcTime.toUtc(at))
                    .where(HOSTMAINTENANCE.PoolId.eq(poolId)).and(HOSTMAINTENANCE.HostUuid.eq(hostUuid)).execute();
            if (updated == 0) {
                dsl.insertInto(HOSTMAINTENANCE).set(HOSTMAINTENANCE.PoolId, poolId).set(HOSTMAINTENANCE.HostUuid, hostUuid)
                        .set(HOSTMAINTENANCE.HostName, hostName).set(HOSTMAINTENANCE.DisabledBy, DisabledBy.OPERATOR.dbValue())
                        .set(HOSTMAINTENANCE.State, State.ENABLE_REQUESTED.dbValue())
                        .set(HOSTMAINTENANCE.RequestedBy, "someone outside xcp-balancer")
                        .set(HOSTMAINTENANCE.RequestedAt, UtcTime.toUtc(at)).set(HOSTMAINTENANCE.EnableRequestedBy, requestedBy)
                        .set(HOSTMAINTENANCE.EnableRequestedAt, UtcTime.toUtc(at)).set(HOSTMAINTENANCE.UpdatedAt, UtcTime.toUtc(at))
                        .execute();
            }
        });
        return find(poolId, hostUuid).orElseThrow();
    }

    /** The controller disabled the host (host.disable answered). */
    public void disabled(int poolId, String hostUuid, Instant at) {
        database.dsl().update(HOSTMAINTENANCE).set(HOSTMAINTENANCE.DisabledAt, UtcTime.toUtc(at))
                .set(HOSTMAINTENANCE.UpdatedAt, UtcTime.toUtc(at))
                .where(HOSTMAINTENANCE.PoolId.eq(poolId)).and(HOSTMAINTENANCE.HostUuid.eq(hostUuid)).execute();
    }

    /** A step of the evacuation: its state, its status in words and the VMs left (replacing the earlier list). */
    public void step(int poolId, String hostUuid, State state, String status, List<LeftVm> left, Instant at) {
        database.transaction(dsl -> {
            dsl.update(HOSTMAINTENANCE).set(HOSTMAINTENANCE.State, state.dbValue()).set(HOSTMAINTENANCE.Status, status)
                    .set(HOSTMAINTENANCE.UpdatedAt, UtcTime.toUtc(at))
                    .set(HOSTMAINTENANCE.EndedAt, state == State.ENDED ? UtcTime.toUtc(at) : null)
                    .where(HOSTMAINTENANCE.PoolId.eq(poolId)).and(HOSTMAINTENANCE.HostUuid.eq(hostUuid)).execute();
            dsl.deleteFrom(HOSTMAINTENANCEVM).where(HOSTMAINTENANCEVM.PoolId.eq(poolId))
                    .and(HOSTMAINTENANCEVM.HostUuid.eq(hostUuid)).execute();
            for (LeftVm vm : left) {
                dsl.insertInto(HOSTMAINTENANCEVM).set(HOSTMAINTENANCEVM.PoolId, poolId)
                        .set(HOSTMAINTENANCEVM.HostUuid, hostUuid).set(HOSTMAINTENANCEVM.VmUuid, vm.vmUuid())
                        .set(HOSTMAINTENANCEVM.VmName, vm.vmName()).set(HOSTMAINTENANCEVM.Reason, vm.reason()).execute();
            }
        });
    }

    private static Map<String, List<LeftVm>> leftVms(DSLContext dsl, int poolId) {
        Map<String, List<LeftVm>> result = new HashMap<>();
        dsl.selectFrom(HOSTMAINTENANCEVM).where(HOSTMAINTENANCEVM.PoolId.eq(poolId))
                .orderBy(HOSTMAINTENANCEVM.VmName).fetch().forEach(r -> result.computeIfAbsent(r.getHostUuid(),
                        h -> new ArrayList<>()).add(new LeftVm(r.getVmUuid(), r.getVmName(), r.getReason())));
        return result;
    }

    private static HostMaintenance toMaintenance(HostMaintenanceRecord r, List<LeftVm> left) {
        return new HostMaintenance(r.getPoolId(), r.getHostUuid(), r.getHostName(), DisabledBy.fromDb(r.getDisabledBy()),
                State.fromDb(r.getState()), Optional.ofNullable(r.getReason()).filter(s -> !s.isBlank()), r.getRequestedBy(),
                UtcTime.toInstant(r.getRequestedAt()), Optional.ofNullable(r.getDisabledAt()).map(UtcTime::toInstant),
                Optional.ofNullable(r.getStatus()), UtcTime.toInstant(r.getUpdatedAt()),
                Optional.ofNullable(r.getEnableRequestedBy()), Optional.ofNullable(r.getEndedAt()).map(UtcTime::toInstant),
                left);
    }
}
