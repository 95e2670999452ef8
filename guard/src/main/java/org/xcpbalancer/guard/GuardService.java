package org.xcpbalancer.guard;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.PoolLock;
import org.xcpbalancer.core.log.LogContext;
import org.xcpbalancer.guard.act.ActionFence;
import org.xcpbalancer.guard.act.GuardPlacement;
import org.xcpbalancer.guard.act.GuardXapi;
import org.xcpbalancer.guard.act.VmRestarter;
import org.xcpbalancer.guard.state.ActionDraft;
import org.xcpbalancer.guard.state.ActionJournal;
import org.xcpbalancer.guard.state.ActionOutcome;
import org.xcpbalancer.guard.state.GuardActionKind;
import org.xcpbalancer.guard.state.GuardPoolRow;
import org.xcpbalancer.guard.state.GuardRepository;
import org.xcpbalancer.guard.view.PoolView;

/**
 * One guard check of the pool xapi.url names: read XAPI, take the pool's guard lock (not for a dry run), stand
 * down while XAPI's HA is on (said once), else run the stages ({@link GuardStages}) and record the check in
 * GuardPool. A master that cannot be reached is reported once (GuardAction master_unreachable) and never acted
 * on: a guard cut off from its pool must not take that for dead hosts. The XAPI session is kept between the checks
 * of a service and opened again after a failure.
 */
public final class GuardService implements AutoCloseable {
    /** What a check did. */
    public enum Outcome {
        OK("ok"), STAND_DOWN("stand_down"), BLOCKED("blocked"), MASTER_UNREACHABLE("master_unreachable"),
        DRY_RUN("dry_run");

        private final String dbValue;

        Outcome(String dbValue) {
            this.dbValue = dbValue;
        }

        public String dbValue() {
            return dbValue;
        }
    }

    private final Database database;
    private final Supplier<GuardXapi> xapis;
    private final GuardSettings settings;
    private final List<GuardStage> stages;
    private final ActionFence fence;
    private final String owner;
    private final Clock clock;
    private final Consumer<String> say;
    private final GuardRepository repository;
    private final ActionJournal journal;
    private GuardXapi xapi;
    private String lastPoolUuid;
    private String lastSummary = "";
    private CheckFigures lastFigures;
    private String lastPoolName;

    public GuardService(Database database, Supplier<GuardXapi> xapis, GuardSettings settings, List<GuardStage> stages,
            ActionFence fence, String owner, Clock clock, Consumer<String> say) {
        this.database = database;
        this.xapis = xapis;
        this.settings = settings;
        this.stages = List.copyOf(stages);
        this.fence = fence;
        this.owner = owner;
        this.clock = clock;
        this.say = say;
        this.repository = new GuardRepository(database);
        this.journal = new ActionJournal(database, owner);
    }

    public Outcome checkOnce(Optional<String> poolName, boolean dryRun) {
        PoolView view;
        try {
            if (xapi == null) {
                xapi = xapis.get();
            }
            view = xapi.read();
        } catch (UserFacingException e) {
            closeXapi();
            if (e.exitCode() == ExitCode.POOL_UNREACHABLE) {
                masterUnreachable(poolName, e.getMessage(), dryRun);
            }
            throw e;
        }
        if (poolName.isPresent() && !poolName.get().equals(view.poolName()) && !poolName.get().equals(view.poolUuid())) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "--pool " + poolName.get() + ": xapi.url's pool is "
                    + view.poolName() + " (" + view.poolUuid() + ")");
        }
        lastPoolUuid = view.poolUuid();
        lastPoolName = view.poolName();
        try (LogContext.PoolScope named = LogContext.pool(view.poolName())) {
            if (dryRun) {
                return check(view, true);
            }
            Optional<PoolLock> lock = PoolLock.tryAcquire(database, PoolLock.Holder.GUARD, view.poolUuid());
            if (lock.isEmpty()) {
                say.accept("another xcp-guard (or xcp-service) is guarding pool " + view.poolName() + ": nothing done");
                return Outcome.BLOCKED;
            }
            try (PoolLock held = lock.get()) {
                return check(view, false);
            }
        }
    }

    private Outcome check(PoolView view, boolean dryRun) {
        Instant now = clock.instant();
        GuardPoolRow pool = repository.pool(view.poolUuid()).orElse(new GuardPoolRow(view.poolUuid(), view.poolName(),
                null, null, null, null, null));
        if (pool.masterUnreachableSince() != null) {
            say.accept("the pool master answers again (unreachable since " + pool.masterUnreachableSince() + ")");
        }
        Instant standDown = pool.haStandDownSince();
        Outcome outcome;
        if (view.haEnabled()) {
            if (standDown == null) {
                String reason = "XAPI's HA is enabled on pool " + view.poolName()
                        + ": xapi restarts the protected VMs itself; xcp-guard restarts nothing while it is on";
                journal.record(view.poolUuid(), ActionDraft.of(GuardActionKind.STAND_DOWN, reason), ActionOutcome.WAITING,
                        dryRun, now);
                say.accept(reason);
                standDown = now;
            }
            outcome = Outcome.STAND_DOWN;
            lastSummary = "Pool " + view.poolName() + ": XAPI's HA is on, xcp-guard stands down";
        } else {
            if (standDown != null) {
                say.accept("XAPI's HA is off on pool " + view.poolName() + ": xcp-guard guards it again");
                standDown = null;
            }
            if (!dryRun) {
                AbandonedActions.settle(view, journal, repository, owner, now, say);
            }
            GuardCheck check = new GuardCheck(view, xapi, repository, journal, new VmRestarter(xapi, journal, repository,
                    GuardPlacement.standard(), fence, clock, dryRun, say, repository.hostsInMaintenance(view.poolUuid())),
                    fence, settings, dryRun, clock, say);
            for (GuardStage stage : stages) {
                stage.run(check);
            }
            lastSummary = summary(check);
            lastFigures = figures(check);
            outcome = dryRun ? Outcome.DRY_RUN : Outcome.OK;
        }
        if (!dryRun || pool.lastCheckAt() == null) {
            repository.savePool(new GuardPoolRow(view.poolUuid(), view.poolName(), now, outcome.dbValue(), owner,
                    dryRun ? pool.haStandDownSince() : standDown, null));
        }
        return outcome;
    }

    /** One line on the latest check, for a one-shot run: hosts by state, protected VMs running. */
    public String lastSummary() {
        return lastSummary;
    }

    /**
     * The figures of the latest check that got as far as reading the pool and taking its lock (empty before): the
     * guard's metrics.
     *
     * @param hostsByState the pool's hosts by the guard's verdict (up, suspected, dead, fenced...)
     * @param protectedRunning protected VMs running on a host that is up; the others are down
     */
    public record CheckFigures(String poolName, Instant at, Map<String, Long> hostsByState,
            long protectedRunning, long protectedDown) {
    }

    /** The name of the pool the latest check read, if one did. */
    public Optional<String> lastPoolName() {
        return Optional.ofNullable(lastPoolName);
    }

    /** The uuid of the pool the latest check read, if one did: the pool of its GuardAction rows. */
    public Optional<String> lastPoolUuid() {
        return Optional.ofNullable(lastPoolUuid);
    }

    public Optional<CheckFigures> lastFigures() {
        return Optional.ofNullable(lastFigures);
    }

    private static CheckFigures figures(GuardCheck check) {
        PoolView view = check.view();
        Map<String, Long> byState = new java.util.TreeMap<>();
        view.hosts().forEach(h -> byState.merge(check.verdict(h.uuid()).dbValue(), 1L, Long::sum));
        long running = view.protectedVms().stream().filter(v -> v.running() && check.hostFine(v.residentOnUuid()))
                .count();
        return new CheckFigures(view.poolName(), check.now(), byState, running, view.protectedVms().size() - running);
    }

    private static String summary(GuardCheck check) {
        PoolView view = check.view();
        java.util.Map<String, Long> byState = new java.util.TreeMap<>();
        view.hosts().forEach(h -> byState.merge(check.verdict(h.uuid()).dbValue(), 1L, Long::sum));
        long protectedVms = view.protectedVms().size();
        long running = view.protectedVms().stream().filter(v -> v.running() && check.hostFine(v.residentOnUuid()))
                .count();
        return "Pool " + view.poolName() + (check.dryRun() ? " (dry run)" : "") + ": " + view.hosts().size()
                + " hosts (" + byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(java.util.stream.Collectors.joining(", ")) + "), " + protectedVms
                + " protected VMs: " + running + " were running on a host that is up, "
                + check.restarter().startedCount() + " started by this check";
    }

    private void masterUnreachable(Optional<String> poolName, String problem, boolean dryRun) {
        Optional<GuardPoolRow> pool = knownPool(poolName);
        if (pool.isEmpty()) {
            return;
        }
        GuardPoolRow p = pool.get();
        if (p.masterUnreachableSince() == null) {
            Instant now = clock.instant();
            String reason = "the pool master cannot be reached (" + problem + "): nothing is judged or restarted"
                    + " until it answers (the guard may be cut off from the pool)";
            journal.record(p.poolUuid(), ActionDraft.of(GuardActionKind.MASTER_UNREACHABLE, reason),
                    ActionOutcome.ALERT, dryRun, now);
            repository.savePool(new GuardPoolRow(p.poolUuid(), p.poolName(), now,
                    Outcome.MASTER_UNREACHABLE.dbValue(), owner, p.haStandDownSince(), now));
        }
    }

    /** The pool this guard checked before (this process, or the one GuardPool row, or the one --pool names). */
    private Optional<GuardPoolRow> knownPool(Optional<String> poolName) {
        if (lastPoolUuid != null) {
            return repository.pool(lastPoolUuid);
        }
        List<GuardPoolRow> pools = repository.pools();
        List<GuardPoolRow> matching = poolName.map(n -> pools.stream()
                .filter(p -> n.equals(p.poolName()) || n.equals(p.poolUuid())).toList()).orElse(pools);
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    private void closeXapi() {
        if (xapi != null) {
            try {
                xapi.close();
            } catch (RuntimeException ignored) {
                // the session expires on its own
            }
            xapi = null;
        }
    }

    @Override
    public void close() {
        closeXapi();
    }
}
