package org.xcpbalancer.guard.act;

import java.util.Optional;

/**
 * The last word before an action is carried out, asked after its row is written as planned: xcp-service checks
 * its pool lease here, so an instance that lost its lease acts on nothing; a one-shot xcp-guard holds the pool
 * lock for the whole check and uses {@link #NONE}.
 */
@FunctionalInterface
public interface ActionFence {
    ActionFence NONE = (poolUuid, actionId) -> Optional.empty();

    /** Empty when the action may go ahead; otherwise why not (stored as the action's reason). */
    Optional<String> refusal(String poolUuid, long actionId);
}
