package org.xcpbalancer.control.execute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.log.MigrationLog;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.DurationFormat;

/**
 * Runs the planned migrations: at most maxConcurrent at once, each written to the migration log before it is
 * launched, checked again with VM.assert_can_boot_here just before, launched with Async.VM.pool_migrate, followed
 * with its progress until it ends or control.migrationTimeout passes, and its task destroyed. Migrations a
 * previous controller launched and did not see end are adopted and followed, never launched again; so is a
 * launch whose answer was lost or an HTTP 500 ({@link LaunchInDoubt}). A VM with an operation in progress in the
 * pool is not launched.
 */
public final class MigrationExecutor {
    private static final String REFUSED_TEXT = "refused by XAPI (it would break the HA plan; not retried): ";

    private final MigrationGateway gateway;
    private final MigrationLog log;
    private final Limits limits;
    private final ProgressReporter out;
    /** What each launched migration copies (the VM's memory), for the progress lines; unknown (0) when adopted. */
    private final Map<Long, Long> memoryMbById = new HashMap<>();
    private final Clock clock;
    private final LaunchFence fence;
    private final LaunchInDoubt inDoubt;

    /**
     * @param maxConcurrent      control.maxConcurrentMigrations
     * @param migrationTimeout   control.migrationTimeout: how long one migration is followed from its launch, and
     *                           how long after the run's start new ones may still be launched
     * @param progressInterval   control.progressInterval: how often tasks are read and progress printed
     */
    public record Limits(int maxConcurrent, Duration migrationTimeout, Duration progressInterval) {
        public Limits {
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("maxConcurrent must be at least 1");
            }
        }
    }

    /** How one migration ended in this run. */
    public record Outcome(long migrationId, String summary, MigrationState state, String error) {
    }

    /** Every migration this run launched or followed. */
    public record Report(List<Outcome> outcomes) {
        public Report {
            outcomes = List.copyOf(outcomes);
        }

        public long count(MigrationState state) {
            return outcomes.stream().filter(o -> o.state() == state).count();
        }

        /** MIGRATION_FAILED when one failed, else TIMEOUT when one timed out, else OK. */
        public ExitCode exitCode() {
            if (count(MigrationState.FAILED) > 0) {
                return ExitCode.MIGRATION_FAILED;
            }
            return count(MigrationState.TIMEOUT) > 0 ? ExitCode.TIMEOUT : ExitCode.OK;
        }
    }

    public MigrationExecutor(MigrationGateway gateway, MigrationLog log, Limits limits, ProgressReporter out, Clock clock) {
        this(gateway, log, limits, out, clock, LaunchFence.NONE);
    }

    public MigrationExecutor(MigrationGateway gateway, MigrationLog log, Limits limits, ProgressReporter out, Clock clock,
            LaunchFence fence) {
        this.gateway = gateway;
        this.log = log;
        this.limits = limits;
        this.out = out;
        this.clock = clock;
        this.fence = fence;
        this.inDoubt = new LaunchInDoubt(gateway, log, out, clock, limits.progressInterval());
    }

    /**
     * Follows the in-flight migrations of the log (adopted from an earlier controller), then launches the moves,
     * and returns when all have ended or timed out.
     */
    public Report run(int poolId, Long runId, List<MigrationEntry> inFlight, List<PlannedMove> moves)
            throws InterruptedException {
        Instant runStart = clock.instant();
        List<Outcome> outcomes = new ArrayList<>();
        List<FollowedMigration> active = new ArrayList<>();
        for (MigrationEntry entry : inFlight) {
            adopt(entry, active, outcomes);
        }
        Deque<PlannedMove> queue = new ArrayDeque<>(moves);
        while (true) {
            while (active.size() < limits.maxConcurrent() && !queue.isEmpty()) {
                PlannedMove move = queue.poll();
                if (clock.instant().isAfter(runStart.plus(limits.migrationTimeout()))) {
                    long id = log.planned(poolId, runId, move, clock.instant());
                    String why = "not launched: control.migrationTimeout "
                            + DurationFormat.format(limits.migrationTimeout()) + " passed before its turn";
                    log.finished(id, MigrationState.CANCELLED, why, clock.instant());
                    out.message(move.summary() + ": " + why);
                    outcomes.add(new Outcome(id, move.summary(), MigrationState.CANCELLED, why));
                    continue;
                }
                launch(poolId, runId, move, active, outcomes);
            }
            if (active.isEmpty() && queue.isEmpty()) {
                break;
            }
            if (!active.isEmpty()) {
                Thread.sleep(limits.progressInterval().toMillis());
            }
            for (FollowedMigration migration : List.copyOf(active)) {
                if (follow(migration, outcomes)) {
                    active.remove(migration);
                }
            }
        }
        return new Report(outcomes);
    }

    private void adopt(MigrationEntry entry, List<FollowedMigration> active, List<Outcome> outcomes)
            throws InterruptedException {
        if (entry.state() == MigrationState.LAUNCHED && entry.taskRef() != null) {
            out.message("Following " + entry.summary() + ", launched at " + entry.launchedAt()
                    + " by an earlier run (task " + entry.taskRef() + "): not launching it again");
            active.add(new FollowedMigration(entry.id(), entry.summary(), entry.vmUuid(), entry.destinationHostUuid(),
                    entry.taskRef(), entry.launchedAt() == null ? clock.instant() : entry.launchedAt()));
            return;
        }
        // Planned but never recorded as launched: the earlier controller stopped around the launch.
        inDoubt.settle(entry, Optional.empty(), outcomes).ifPresent(active::add);
    }

    private void launch(int poolId, Long runId, PlannedMove move, List<FollowedMigration> active,
            List<Outcome> outcomes) throws InterruptedException {
        long id = log.planned(poolId, runId, move, clock.instant());
        Optional<Refusal> refusal;
        try {
            refusal = refusal(move);
        } catch (UserFacingException unreachable) {
            log.finished(id, MigrationState.CANCELLED, "not launched: " + unreachable.getMessage(), clock.instant());
            throw unreachable;
        }
        if (refusal.isPresent()) {
            log.finished(id, MigrationState.CANCELLED, refusal.get().stored(), clock.instant());
            out.message(move.summary() + ": " + refusal.get().said());
            outcomes.add(new Outcome(id, move.summary(), MigrationState.CANCELLED, refusal.get().stored()));
            return;
        }
        Optional<String> fenced = fence.refusal(poolId, id);
        if (fenced.isPresent()) {
            String why = "not launched: " + fenced.get();
            log.finished(id, MigrationState.CANCELLED, why, clock.instant());
            out.message(move.summary() + ": " + why);
            outcomes.add(new Outcome(id, move.summary(), MigrationState.CANCELLED, why));
            return;
        }
        String taskRef;
        try {
            taskRef = gateway.launch(move.vmUuid(), move.destinationUuid());
        } catch (MigrationRefusedException e) {
            MigrationState state = refusedOrFailed(e.code());
            log.finished(id, state, e.getMessage(), clock.instant());
            out.message(move.summary() + ": " + (state == MigrationState.REFUSED ? REFUSED_TEXT : "failed to launch: ")
                    + e.getMessage());
            outcomes.add(new Outcome(id, move.summary(), state, e.getMessage()));
            return;
        } catch (UserFacingException noAnswer) {
            // The call may or may not have reached XAPI (a lost answer, an HTTP 500): ask the pool, never relaunch.
            settleInDoubt(id, noAnswer, active, outcomes);
            return;
        }
        Instant launchedAt = clock.instant();
        log.launched(id, taskRef, launchedAt);
        out.message("Migrating " + move.vmName() + " from " + move.sourceName() + " to " + move.destinationName()
                + " (live, task " + taskRef + ")");
        memoryMbById.put(id, move.vmMemoryMb());
        active.add(new FollowedMigration(id, move.summary(), move.vmUuid(), move.destinationUuid(), taskRef, launchedAt));
    }

    /**
     * Why the move may not be launched now, asked of XAPI just before: the destination cannot take the VM
     * (VM.assert_can_boot_here), or the VM has an operation in progress (a migration from elsewhere, say).
     */
    private Optional<Refusal> refusal(PlannedMove move) {
        try {
            gateway.assertCanBootHere(move.vmUuid(), move.destinationUuid());
        } catch (MigrationRefusedException e) {
            return Optional.of(new Refusal(e.getMessage(),
                    "not launched: " + move.destinationName() + " cannot take it now (" + e.getMessage() + ")"));
        }
        Map<String, String> operations = LaunchInDoubt.currentOperations(gateway, move.vmUuid());
        return operations.entrySet().stream().findFirst().map(op -> {
            String why = "not launched: the VM has an operation in progress in the pool (" + op.getValue() + ", task "
                    + op.getKey() + ")";
            return new Refusal(why, why);
        });
    }

    /** Why a move was not launched: as stored in Migration.XapiError, and as said. */
    private record Refusal(String stored, String said) {
    }

    private void settleInDoubt(long id, UserFacingException noAnswer, List<FollowedMigration> active,
            List<Outcome> outcomes) throws InterruptedException {
        MigrationEntry entry = log.byId(id).orElseThrow();
        try {
            inDoubt.settle(entry, Optional.of(noAnswer.getMessage()), outcomes).ifPresent(active::add);
        } catch (UserFacingException stillNoAnswer) {
            throw new UserFacingException(noAnswer.exitCode(), noAnswer.getMessage() + "; whether "
                    + entry.summary() + " was launched is unknown (the pool cannot be asked: "
                    + stillNoAnswer.getMessage() + "): the next run looks for it in the pool", noAnswer);
        }
    }

    /** Reads the task once; returns true when the migration has ended (and is logged). */
    private boolean follow(FollowedMigration migration, List<Outcome> outcomes) {
        MigrationGateway.TaskStatus status;
        try {
            status = gateway.poll(migration.taskRef());
        } catch (MigrationRefusedException e) {
            out.message(migration.summary() + ": cannot read task " + migration.taskRef() + ": " + e.getMessage());
            status = new MigrationGateway.TaskStatus(MigrationGateway.TaskStatus.State.PENDING, 0, List.of());
        }
        Instant now = clock.instant();
        if (!status.ended()) {
            if (now.isAfter(migration.launchedAt().plus(limits.migrationTimeout()))) {
                gateway.cancel(migration.taskRef());
                String why = "still running after control.migrationTimeout "
                        + DurationFormat.format(limits.migrationTimeout()) + " (progress "
                        + String.format(Locale.ROOT, "%.1f", status.progress()) + "); task cancelled";
                end(migration, MigrationState.TIMEOUT, why, outcomes);
                return true;
            }
            out.progress(migration.summary(), status.progress(), memoryMbById.getOrDefault(migration.id(), 0L));
            return false;
        }
        switch (status.state()) {
            case SUCCESS -> end(migration, MigrationState.SUCCEEDED, null, outcomes);
            case CANCELLED -> end(migration, MigrationState.CANCELLED, "task cancelled", outcomes);
            case FAILURE -> end(migration, refusedOrFailed(status.errorInfo().isEmpty() ? "" : status.errorInfo().get(0)),
                    status.errorText(), outcomes);
            default -> {
                // The task is gone (destroyed, or xapi restarted): where the VM is tells how it ended.
                Optional<String> host = residentOn(migration.vmUuid());
                boolean arrived = host.isPresent() && host.get().equals(migration.destinationUuid());
                end(migration, arrived ? MigrationState.SUCCEEDED : MigrationState.FAILED,
                        arrived ? null : "task " + migration.taskRef() + " vanished and the VM is not on its destination",
                        outcomes);
            }
        }
        return true;
    }

    private void end(FollowedMigration migration, MigrationState state, String error, List<Outcome> outcomes) {
        Instant now = clock.instant();
        log.finished(migration.id(), state, error, now);
        gateway.destroy(migration.taskRef());
        String took = String.format(Locale.ROOT, "%.1f s", Duration.between(migration.launchedAt(), now).toMillis() / 1000.0);
        out.message(switch (state) {
            case SUCCEEDED -> migration.summary() + ": done in " + took;
            case TIMEOUT -> migration.summary() + ": timed out: " + error;
            case REFUSED -> migration.summary() + ": " + REFUSED_TEXT + error;
            default -> migration.summary() + ": " + state.dbValue() + " after " + took + ": " + error;
        });
        outcomes.add(new Outcome(migration.id(), migration.summary(), state, error));
    }

    /**
     * XAPI's HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN is a refusal to learn from, not a failure: the VM does not
     * back off, the gate keeps this VM/host pair out for control.failureBackoff instead.
     */
    private static MigrationState refusedOrFailed(String xapiCode) {
        return MigrationState.HA_PLAN_ERROR.equals(xapiCode) ? MigrationState.REFUSED : MigrationState.FAILED;
    }

    private Optional<String> residentOn(String vmUuid) {
        try {
            return gateway.residentOn(vmUuid);
        } catch (MigrationRefusedException e) {
            return Optional.empty();
        }
    }
}
