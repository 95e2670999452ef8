package org.xcpbalancer.simulator.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

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

    /**
     * This clock as a java.time.Clock in UTC, for programs run in-process on the pool's time (a collector, a
     * controller or a guard driven at --speed or by a manual clock, as cron would drive them on a real pool).
     */
    default Clock asJavaClock() {
        SimClock simulated = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return simulated.now();
            }
        };
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
