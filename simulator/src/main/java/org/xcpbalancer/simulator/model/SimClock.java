package org.xcpbalancer.simulator.model;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's notion of time. Everything time-based (servertime, RRD timestamps, migration progress, load
 * profiles) reads it, so --speed N makes the whole simulated pool run N times faster.
 */
public interface SimClock {

    /** The current simulated instant. */
    Instant now();

    /** How many simulated seconds pass per real second. */
    double speed();

    /** Waits until {@code simulated} of simulated time has passed. */
    void sleep(Duration simulated) throws InterruptedException;

    /**
     * Waits until the simulated clock reads {@code deadline} (returns at once if it already does). Unlike
     * {@link #sleep}, the deadline does not depend on when the caller gets to run, which matters on a
     * {@link ManualClock}.
     */
    default void sleepUntil(Instant deadline) throws InterruptedException {
        Duration left = Duration.between(now(), deadline);
        if (!left.isNegative() && !left.isZero()) {
            sleep(left);
        }
    }

    /** The wall clock. */
    static SimClock realTime() {
        return new ScaledClock(1.0);
    }

    /** Starts at the current wall-clock instant and runs {@code speed} times faster from then on. */
    static SimClock scaled(double speed) {
        return new ScaledClock(speed);
    }

    /** A clock that only moves when told to (tests); sleepers wake when it is advanced past their deadline. */
    static ManualClock manual(Instant start) {
        return new ManualClock(start);
    }
}
