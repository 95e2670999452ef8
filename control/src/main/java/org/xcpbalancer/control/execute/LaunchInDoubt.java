package org.xcpbalancer.control.execute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.log.MigrationLog;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * Settles a migration row whose launch may or may not have reached XAPI: a controller stopped between writing
 * it and recording the task, or XAPI's answer to Async.VM.pool_migrate was lost or an HTTP 500. It is never
 * launched again from here: the pool is asked instead. A pool_migrate among the VM's current_operations is that
 * launch (its key is the task ref): it is recorded as launched and followed. Otherwise where the VM is tells how
 * it ended: on its destination, succeeded (adopted); elsewhere, not launched.
 */
final class LaunchInDoubt {
    static final String POOL_MIGRATE = "pool_migrate";

    private final MigrationGateway gateway;
    private final MigrationLog log;
    private final ProgressReporter out;
    private final Clock clock;
    private final Duration lookAgainAfter;

    /**
     * @param lookAgainAfter how long to wait before looking a second time when nothing is found: xapi registers
     *                       the operation in the Async task's own thread, a moment after answering the launch
     */
    LaunchInDoubt(MigrationGateway gateway, MigrationLog log, ProgressReporter out, Clock clock, Duration lookAgainAfter) {
        this.gateway = gateway;
        this.log = log;
        this.out = out;
        this.clock = clock;
        this.lookAgainAfter = lookAgainAfter;
    }

    /**
     * @param launchError what the launch call met in this run, or empty for a row an earlier run left planned
     * @return the migration to follow when it runs in the pool; empty when the row was settled (and its
     *     outcome added)
     * @throws UserFacingException when the pool cannot be asked: the row stays planned for the next run
     */
    Optional<FollowedMigration> settle(MigrationEntry entry, Optional<String> launchError,
            List<MigrationExecutor.Outcome> outcomes) throws InterruptedException {
        Optional<String> task = runningMigration(entry.vmUuid());
        boolean arrived = task.isEmpty() && arrived(entry);
        if (task.isEmpty() && !arrived) {
            Thread.sleep(lookAgainAfter.toMillis());
            task = runningMigration(entry.vmUuid());
            arrived = task.isEmpty() && arrived(entry);
        }
        String context = launchError.map(e -> "no usable answer to the launch (" + e + ")")
                .orElse(task.isPresent() ? "launched by an earlier run that stopped before recording it"
                        : "planned by an earlier run that stopped around its launch");
        if (task.isPresent()) {
            // The launch happened between the row's creation and now; its creation is the closest known time.
            Instant launchedAt = entry.createdAt() == null ? clock.instant() : entry.createdAt();
            log.launched(entry.id(), task.get(), launchedAt);
            out.message(entry.summary() + ": " + context + "; it runs in the pool: following task " + task.get()
                    + ", not launching it again");
            return Optional.of(new FollowedMigration(entry.id(), entry.summary(), entry.vmUuid(),
                    entry.destinationHostUuid(), task.get(), launchedAt));
        }
        MigrationState state = arrived ? MigrationState.SUCCEEDED : MigrationState.CANCELLED;
        String note = arrived ? "adopted: found on its destination; " + context
                : "not launched: " + context + " and the pool shows no migration of it";
        log.finished(entry.id(), state, note, clock.instant());
        out.message(entry.summary() + ": " + context + "; " + (arrived
                ? "found on its destination: succeeded (adopted)"
                : "the pool shows no migration of it and the VM is not on its destination: recorded as not launched"));
        outcomes.add(new MigrationExecutor.Outcome(entry.id(), entry.summary(), state, note));
        return Optional.empty();
    }

    /** The task of the VM's running pool_migrate, if it has one. */
    private Optional<String> runningMigration(String vmUuid) {
        return currentOperations(gateway, vmUuid).entrySet().stream()
                .filter(op -> POOL_MIGRATE.equalsIgnoreCase(op.getValue())).map(Map.Entry::getKey).findFirst();
    }

    private boolean arrived(MigrationEntry entry) {
        try {
            return gateway.residentOn(entry.vmUuid()).map(entry.destinationHostUuid()::equals).orElse(false);
        } catch (MigrationRefusedException vmGone) {
            return false;
        }
    }

    /** The VM's current operations; none when XAPI refuses to say (the VM is gone: HANDLE_INVALID). */
    static Map<String, String> currentOperations(MigrationGateway gateway, String vmUuid) {
        try {
            return gateway.currentOperations(vmUuid);
        } catch (MigrationRefusedException vmGone) {
            return Map.of();
        }
    }
}
