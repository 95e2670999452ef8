package org.xcpbalancer.control.log;

import java.time.Instant;

/** One row of the migration log. taskRef is null until launched; the end fields are null until it ends. */
public record MigrationEntry(
        long id,
        int poolId,
        Long runId,
        String vmUuid,
        String vmName,
        String sourceHostUuid,
        String sourceHostName,
        String destinationHostUuid,
        String destinationHostName,
        String ruleSubject,
        String taskRef,
        MigrationState state,
        String xapiError,
        Instant createdAt,
        Instant launchedAt,
        Instant finishedAt,
        Long durationMs) {

    /** "VM2 - Debian: Host2 -> Host1". */
    public String summary() {
        return vmName + ": " + sourceHostName + " -> " + destinationHostName;
    }
}
