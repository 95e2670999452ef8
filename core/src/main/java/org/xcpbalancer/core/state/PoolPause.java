package org.xcpbalancer.core.state;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * An administrator's pause of a pool's balancing (PAUSE BALANCING in xcp-manager): who typed it, when, until
 * when (empty: until RESUME BALANCING) and why. xcp-control moves nothing in a pool while it is paused.
 */
public record PoolPause(long id, int poolId, Instant pausedAt, Optional<Instant> pausedUntil, String pausedBy,
        Optional<String> reason) {

    /** An expired pause is no pause. */
    public boolean activeAt(Instant now) {
        return pausedUntil.map(now::isBefore).orElse(true);
    }

    private static Instant seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS);
    }

    /** "by alice since 2026-11-22T16:00:00Z until 2026-11-22T18:00:00Z (kernel upgrades)". */
    public String describe() {
        return "by " + pausedBy + " since " + seconds(pausedAt)
                + pausedUntil.map(u -> " until " + seconds(u)).orElse(" until resumed")
                + reason.map(r -> " (" + r + ")").orElse("");
    }
}
