package org.xcpbalancer.control.execute;

import java.util.Optional;

/**
 * The last word before a migration is launched: asked after its row is written as planned and after
 * VM.assert_can_boot_here, just before Async.VM.pool_migrate. xcp-service checks its pool lease's epoch here
 * (a fencing token), so an instance that lost its lease during a pause can never launch; a one-shot xcp-control
 * has no lease and uses {@link #NONE}.
 */
@FunctionalInterface
public interface LaunchFence {
    /** Lets every launch through. */
    LaunchFence NONE = (poolId, migrationId) -> Optional.empty();

    /** Empty when the migration may be launched now; otherwise why not (stored as its cancellation reason). */
    Optional<String> refusal(int poolId, long migrationId);

    /**
     * The same check before a host power action (host.disable, host.shutdown, host.power_on, host.enable): empty
     * when it may be taken now; otherwise why not. A fence without a lease (one-shot xcp-control) lets it through.
     */
    default Optional<String> actionRefusal(int poolId) {
        return Optional.empty();
    }
}
