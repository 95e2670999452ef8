package org.xcpbalancer.guard.ladder;

import java.time.Duration;
import java.util.Objects;

/**
 * The ladder's timings: how old a guest agent's heartbeat may be before a Running VM counts as hung
 * (guard.vmHeartbeatTimeout), how long a step is given before the next (guard.ladderWait, 200 s in the
 * relaxed-HA paper) and how long a VM must stay healthy before its history is cleared (guard.historyReset,
 * 1 h in the paper).
 */
public record LadderSettings(Duration heartbeatTimeout, Duration stepWait, Duration resetAfter) {
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_STEP_WAIT = Duration.ofSeconds(200);
    public static final Duration DEFAULT_RESET_AFTER = Duration.ofHours(1);

    public LadderSettings {
        Objects.requireNonNull(heartbeatTimeout);
        Objects.requireNonNull(stepWait);
        Objects.requireNonNull(resetAfter);
        if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero() || stepWait.isNegative()
                || resetAfter.isNegative()) {
            throw new IllegalArgumentException("ladder durations must be positive");
        }
    }

    public static LadderSettings defaults() {
        return new LadderSettings(DEFAULT_HEARTBEAT_TIMEOUT, DEFAULT_STEP_WAIT, DEFAULT_RESET_AFTER);
    }
}
