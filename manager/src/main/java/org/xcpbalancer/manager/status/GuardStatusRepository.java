package org.xcpbalancer.manager.status;

import static org.xcpbalancer.core.db.generated.Tables.GUARDACTION;
import static org.xcpbalancer.core.db.generated.Tables.GUARDHOST;
import static org.xcpbalancer.core.db.generated.Tables.GUARDPOOL;
import static org.xcpbalancer.core.db.generated.Tables.GUARDVM;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.db.generated.tables.records.GuardHostRecord;
import org.xcpbalancer.core.db.generated.tables.records.GuardVmRecord;
import org.xcpbalancer.core.state.PoolRef;

/**
 * Reads what xcp-guard stored of a pool ({@link GuardStatus}) and writes the one thing the console may: an
 * operator's CONFIRM HOST DOWN, into GuardHost, with a GuardAction saying who confirmed it.
 */
public final class GuardStatusRepository {
    /** GuardHost states a confirmation may follow: the guard suspects the host dead and has no proof it is off. */
    public static final List<String> CONFIRMABLE = List.of("suspected", "dead", "fence_failed");
    public static final String CONFIRMED_DOWN = "confirmed_down";
    public static final String CONFIRM_ACTION = "confirm_host_down";
    /** GuardPool.LastCheckOutcome while only dry runs checked the pool (a dry run updates no existing row). */
    static final String DRY_RUN = "dry_run";

    private final Database database;

    public GuardStatusRepository(Database database) {
        this.database = database;
    }

    public GuardStatus status(PoolRef pool, Instant now) {
        var poolRow = database.dsl().selectFrom(GUARDPOOL).where(GUARDPOOL.PoolUuid.eq(pool.uuid())).fetchOptional();
        List<GuardStatus.Host> hosts = database.dsl().selectFrom(GUARDHOST).where(GUARDHOST.PoolUuid.eq(pool.uuid()))
                .orderBy(GUARDHOST.HostName, GUARDHOST.HostUuid).fetch(GuardStatusRepository::host);
        List<GuardStatus.Vm> vms = database.dsl().selectFrom(GUARDVM).where(GUARDVM.PoolUuid.eq(pool.uuid()))
                .orderBy(GUARDVM.VmName, GUARDVM.VmUuid).fetch(r -> vm(pool, r));
        return new GuardStatus(pool, now, poolRow.map(r -> time(r.getLastCheckAt())),
                poolRow.map(r -> r.getHaStandDownSince() != null).orElse(false),
                poolRow.map(r -> DRY_RUN.equals(r.getLastCheckOutcome())).orElse(false), hosts, vms);
    }

    /** The host of the pool the guard holds, by name (case-insensitive) or uuid. */
    public Optional<GuardStatus.Host> host(PoolRef pool, String nameOrUuid) {
        return database.dsl().selectFrom(GUARDHOST).where(GUARDHOST.PoolUuid.eq(pool.uuid()))
                .and(GUARDHOST.HostUuid.eq(nameOrUuid).or(GUARDHOST.HostName.equalIgnoreCase(nameOrUuid)))
                .orderBy(GUARDHOST.HostUuid).limit(1).fetchOptional(GuardStatusRepository::host);
    }

    /**
     * Stores the confirmation if the host is still in a confirmable state (one conditional update, so a host the
     * guard saw come back meanwhile is never confirmed), with its GuardAction; false when it was not.
     */
    public boolean confirmDown(PoolRef pool, GuardStatus.Host host, String user, Instant now) {
        LocalDateTime at = UtcTime.toUtc(now);
        return database.transactionResult(dsl -> {
            int updated = dsl.update(GUARDHOST).set(GUARDHOST.State, CONFIRMED_DOWN).set(GUARDHOST.ConfirmedBy, user)
                    .set(GUARDHOST.ConfirmedAt, at)
                    .where(GUARDHOST.PoolUuid.eq(pool.uuid())).and(GUARDHOST.HostUuid.eq(host.uuid()))
                    .and(GUARDHOST.State.in(CONFIRMABLE)).execute();
            if (updated == 0) {
                return false;
            }
            dsl.insertInto(GUARDACTION).set(GUARDACTION.PoolUuid, pool.uuid()).set(GUARDACTION.At, at)
                    .set(GUARDACTION.FinishedAt, at).set(GUARDACTION.HostUuid, host.uuid())
                    .set(GUARDACTION.HostName, host.name()).set(GUARDACTION.Action, CONFIRM_ACTION)
                    .set(GUARDACTION.Outcome, "done")
                    .set(GUARDACTION.Reason, "confirmed powered off by " + user + " at the console (was "
                            + host.state() + ")")
                    .set(GUARDACTION.DryRun, false).set(GUARDACTION.Owner, "xcp-manager " + user).execute();
            return true;
        });
    }

    private static GuardStatus.Host host(GuardHostRecord r) {
        Instant since = time(switch (r.getState()) {
            case "dead" -> r.getDeclaredDeadAt();
            case "fenced" -> r.getFencedAt();
            case CONFIRMED_DOWN -> r.getConfirmedAt();
            case "up" -> r.getRecoveredAt();
            default -> r.getFirstMissedAt();
        });
        return new GuardStatus.Host(r.getHostUuid(), r.getHostName() == null ? r.getHostUuid() : r.getHostName(),
                r.getState(), r.getMissedChecks(), Optional.ofNullable(since), Optional.ofNullable(r.getFencedBy()),
                Optional.ofNullable(r.getConfirmedBy()));
    }

    private GuardStatus.Vm vm(PoolRef pool, GuardVmRecord r) {
        boolean healthy = r.getProblem() == null || r.getHealthySince() != null;
        Optional<String> reason = database.dsl().select(GUARDACTION.Reason).from(GUARDACTION)
                .where(GUARDACTION.PoolUuid.eq(pool.uuid())).and(GUARDACTION.VmUuid.eq(r.getVmUuid()))
                .orderBy(GUARDACTION.At.desc(), GUARDACTION.Id.desc()).limit(1).fetchOptional(GUARDACTION.Reason);
        return new GuardStatus.Vm(r.getVmUuid(), r.getVmName() == null ? r.getVmUuid() : r.getVmName(),
                healthy ? GuardStatus.Vm.HEALTHY : r.getProblem(), Optional.ofNullable(r.getPowerState()),
                r.getLadderStep(),
                Optional.ofNullable(r.getLastAction()), Optional.ofNullable(time(r.getLastActionAt())), reason);
    }

    private static Instant time(LocalDateTime utc) {
        return utc == null ? null : UtcTime.toInstant(utc);
    }
}
