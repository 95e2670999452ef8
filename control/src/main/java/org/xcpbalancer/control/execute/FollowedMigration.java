package org.xcpbalancer.control.execute;

import java.time.Instant;

/** A migration running in the pool that this run follows through its task until it ends. */
record FollowedMigration(long id, String summary, String vmUuid, String destinationUuid, String taskRef,
        Instant launchedAt) {
}
