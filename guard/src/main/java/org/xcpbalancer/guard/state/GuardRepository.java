package org.xcpbalancer.guard.state;

import static org.xcpbalancer.core.db.generated.Tables.GUARDHOST;
import static org.xcpbalancer.core.db.generated.Tables.GUARDPOOL;
import static org.xcpbalancer.core.db.generated.Tables.GUARDVM;
import static org.xcpbalancer.core.db.generated.Tables.HOSTMAINTENANCE;
import static org.xcpbalancer.core.db.generated.Tables.POOL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.GuardHostRecord;
import org.xcpbalancer.core.db.generated.tables.records.GuardPoolRecord;
import org.xcpbalancer.core.db.generated.tables.records.GuardVmRecord;

/**
 * The guard's persistent state (GuardPool, GuardHost, GuardVm), so that a restarted guard continues where its
 * predecessor stopped. A host row's operator confirmation (ConfirmedBy/At) is written by xcp-manager's CONFIRM HOST
 * DOWN ({@link #confirmHostDown}); {@link #saveHost} never overwrites it, only {@link #clearConfirmation} does.
 */
public final class GuardRepository {
    private final Database database;

    public GuardRepository(Database database) {
        this.database = database;
    }

    // ---- pool ----

    public Optional<GuardPoolRow> pool(String poolUuid) {
        return database.dsl().selectFrom(GUARDPOOL).where(GUARDPOOL.PoolUuid.eq(poolUuid))
                .fetchOptional(GuardRepository::toPool);
    }

    public List<GuardPoolRow> pools() {
        return database.dsl().selectFrom(GUARDPOOL).orderBy(GUARDPOOL.PoolName).fetch(GuardRepository::toPool);
    }

    public void savePool(GuardPoolRow p) {
        database.dsl().insertInto(GUARDPOOL).set(GUARDPOOL.PoolUuid, p.poolUuid()).set(GUARDPOOL.PoolName, p.poolName())
                .set(GUARDPOOL.LastCheckAt, utc(p.lastCheckAt())).set(GUARDPOOL.LastCheckOutcome, p.lastCheckOutcome())
                .set(GUARDPOOL.LastCheckOwner, p.lastCheckOwner()).set(GUARDPOOL.HaStandDownSince, utc(p.haStandDownSince()))
                .set(GUARDPOOL.MasterUnreachableSince, utc(p.masterUnreachableSince()))
                .onDuplicateKeyUpdate().set(GUARDPOOL.PoolName, p.poolName())
                .set(GUARDPOOL.LastCheckAt, utc(p.lastCheckAt())).set(GUARDPOOL.LastCheckOutcome, p.lastCheckOutcome())
                .set(GUARDPOOL.LastCheckOwner, p.lastCheckOwner()).set(GUARDPOOL.HaStandDownSince, utc(p.haStandDownSince()))
                .set(GUARDPOOL.MasterUnreachableSince, utc(p.masterUnreachableSince())).execute();
    }

    // ---- hosts ----

    public List<GuardHostRow> hosts(String poolUuid) {
        return database.dsl().selectFrom(GUARDHOST).where(GUARDHOST.PoolUuid.eq(poolUuid)).orderBy(GUARDHOST.HostName)
                .fetch(GuardRepository::toHost);
    }

    public Optional<GuardHostRow> host(String poolUuid, String hostUuid) {
        return database.dsl().selectFrom(GUARDHOST).where(GUARDHOST.PoolUuid.eq(poolUuid))
                .and(GUARDHOST.HostUuid.eq(hostUuid)).fetchOptional(GuardRepository::toHost);
    }

    /** Inserts or updates the host's row, leaving an operator's confirmation as it is. */
    public void saveHost(GuardHostRow h) {
        database.dsl().insertInto(GUARDHOST).set(GUARDHOST.PoolUuid, h.poolUuid()).set(GUARDHOST.HostUuid, h.hostUuid())
                .set(GUARDHOST.HostName, h.hostName()).set(GUARDHOST.State, h.state().dbValue())
                .set(GUARDHOST.MissedChecks, h.missedChecks()).set(GUARDHOST.FirstMissedAt, utc(h.firstMissedAt()))
                .set(GUARDHOST.LastCheckedAt, utc(h.lastCheckedAt())).set(GUARDHOST.DeclaredDeadAt, utc(h.declaredDeadAt()))
                .set(GUARDHOST.FencedAt, utc(h.fencedAt())).set(GUARDHOST.FencedBy, h.fencedBy())
                .set(GUARDHOST.Reason, h.reason()).set(GUARDHOST.RecoveredAt, utc(h.recoveredAt()))
                .onDuplicateKeyUpdate()
                .set(GUARDHOST.HostName, h.hostName()).set(GUARDHOST.State, h.state().dbValue())
                .set(GUARDHOST.MissedChecks, h.missedChecks()).set(GUARDHOST.FirstMissedAt, utc(h.firstMissedAt()))
                .set(GUARDHOST.LastCheckedAt, utc(h.lastCheckedAt())).set(GUARDHOST.DeclaredDeadAt, utc(h.declaredDeadAt()))
                .set(GUARDHOST.FencedAt, utc(h.fencedAt())).set(GUARDHOST.FencedBy, h.fencedBy())
                .set(GUARDHOST.Reason, h.reason()).set(GUARDHOST.RecoveredAt, utc(h.recoveredAt())).execute();
    }

    /**
     * CONFIRM HOST DOWN (xcp-manager): the operator vouches that the host is off. Creates the row when the guard
     * has not written one yet. The guard treats the host as fenced by the operator at its next check, if XAPI and
     * its address still say it is down.
     */
    public void confirmHostDown(String poolUuid, String hostUuid, String hostName, String by, Instant at) {
        database.dsl().insertInto(GUARDHOST).set(GUARDHOST.PoolUuid, poolUuid).set(GUARDHOST.HostUuid, hostUuid)
                .set(GUARDHOST.HostName, hostName).set(GUARDHOST.State, HostGuardState.CONFIRMED_DOWN.dbValue())
                .set(GUARDHOST.ConfirmedBy, by).set(GUARDHOST.ConfirmedAt, utc(at))
                .onDuplicateKeyUpdate().set(GUARDHOST.ConfirmedBy, by).set(GUARDHOST.ConfirmedAt, utc(at)).execute();
    }

    /** The host answers again: an old confirmation must not fence a later failure. */
    public void clearConfirmation(String poolUuid, String hostUuid) {
        database.dsl().update(GUARDHOST).set(GUARDHOST.ConfirmedBy, (String) null)
                .set(GUARDHOST.ConfirmedAt, (LocalDateTime) null)
                .where(GUARDHOST.PoolUuid.eq(poolUuid)).and(GUARDHOST.HostUuid.eq(hostUuid)).execute();
    }

    /**
     * Hosts in maintenance (issue 14's HostMaintenance, any state but ended) by uuid, with their state: the guard
     * starts nothing there, even before XAPI records them disabled (state requested).
     */
    public Map<String, String> hostsInMaintenance(String poolUuid) {
        Map<String, String> hosts = new HashMap<>();
        database.dsl().select(HOSTMAINTENANCE.HostUuid, HOSTMAINTENANCE.State).from(HOSTMAINTENANCE)
                .join(POOL).on(POOL.Id.eq(HOSTMAINTENANCE.PoolId))
                .where(POOL.UUID.eq(poolUuid)).and(HOSTMAINTENANCE.State.ne("ended"))
                .forEach(r -> hosts.put(r.value1(), r.value2()));
        return hosts;
    }

    // ---- VMs ----

    public List<GuardVmRow> vms(String poolUuid) {
        return database.dsl().selectFrom(GUARDVM).where(GUARDVM.PoolUuid.eq(poolUuid)).orderBy(GUARDVM.VmName)
                .fetch(GuardRepository::toVm);
    }

    public Optional<GuardVmRow> vm(String poolUuid, String vmUuid) {
        return database.dsl().selectFrom(GUARDVM).where(GUARDVM.PoolUuid.eq(poolUuid)).and(GUARDVM.VmUuid.eq(vmUuid))
                .fetchOptional(GuardRepository::toVm);
    }

    public void saveVm(GuardVmRow v) {
        database.dsl().insertInto(GUARDVM).set(GUARDVM.PoolUuid, v.poolUuid()).set(GUARDVM.VmUuid, v.vmUuid())
                .set(vmFields(v)).onDuplicateKeyUpdate().set(vmFields(v)).execute();
    }

    private static java.util.Map<org.jooq.Field<?>, Object> vmFields(GuardVmRow v) {
        java.util.Map<org.jooq.Field<?>, Object> f = new java.util.LinkedHashMap<>();
        f.put(GUARDVM.VmName, v.vmName());
        f.put(GUARDVM.LadderStep, v.ladderStep());
        f.put(GUARDVM.Problem, v.problem());
        f.put(GUARDVM.ProblemSince, utc(v.problemSince()));
        f.put(GUARDVM.LastAction, v.lastAction());
        f.put(GUARDVM.LastActionAt, utc(v.lastActionAt()));
        f.put(GUARDVM.NextStepAt, utc(v.nextStepAt()));
        f.put(GUARDVM.HealthySince, utc(v.healthySince()));
        f.put(GUARDVM.Attempts, v.attempts());
        f.put(GUARDVM.RestartedOnHostUuid, v.restartedOnHostUuid());
        f.put(GUARDVM.RestartedOnHostName, v.restartedOnHostName());
        f.put(GUARDVM.GaveUpAt, utc(v.gaveUpAt()));
        f.put(GUARDVM.PowerState, v.powerState());
        f.put(GUARDVM.LastNote, v.lastNote());
        f.put(GUARDVM.UpdatedAt, utc(v.updatedAt()));
        return f;
    }

    private static GuardPoolRow toPool(GuardPoolRecord r) {
        return new GuardPoolRow(r.getPoolUuid(), r.getPoolName(), instant(r.getLastCheckAt()), r.getLastCheckOutcome(),
                r.getLastCheckOwner(), instant(r.getHaStandDownSince()), instant(r.getMasterUnreachableSince()));
    }

    private static GuardHostRow toHost(GuardHostRecord r) {
        return new GuardHostRow(r.getPoolUuid(), r.getHostUuid(), r.getHostName(), HostGuardState.of(r.getState()),
                r.getMissedChecks(), instant(r.getFirstMissedAt()), instant(r.getLastCheckedAt()),
                instant(r.getDeclaredDeadAt()), instant(r.getFencedAt()), r.getFencedBy(), r.getConfirmedBy(),
                instant(r.getConfirmedAt()), r.getReason(), instant(r.getRecoveredAt()));
    }

    private static GuardVmRow toVm(GuardVmRecord r) {
        return new GuardVmRow(r.getPoolUuid(), r.getVmUuid(), r.getVmName(), r.getLadderStep(), r.getProblem(),
                instant(r.getProblemSince()), r.getLastAction(), instant(r.getLastActionAt()), instant(r.getNextStepAt()),
                instant(r.getHealthySince()), r.getAttempts(), r.getRestartedOnHostUuid(), r.getRestartedOnHostName(),
                instant(r.getGaveUpAt()), r.getPowerState(), r.getLastNote(), instant(r.getUpdatedAt()));
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : UtcTime.toUtc(instant);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : UtcTime.toInstant(utc);
    }
}
