package org.xcpbalancer.guard.state;

import java.time.Instant;

/** A GuardAction row as stored. finishedAt is null while planned or launched. */
public record GuardActionRow(long id, String poolUuid, Instant at, Instant finishedAt, ActionDraft draft,
        ActionOutcome outcome, boolean dryRun, String owner) {

    public GuardActionKind kind() {
        return draft.kind();
    }

    /** Begun by some guard and not known to have ended: its successor re-reads XAPI before acting again. */
    public boolean unfinished() {
        return outcome == ActionOutcome.PLANNED || outcome == ActionOutcome.LAUNCHED;
    }
}
