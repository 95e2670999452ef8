package org.xcpbalancer.simulator.model;

import java.time.Duration;
import java.time.Instant;

/** Simulated time = start + elapsed real time × speed. At speed 1 it is the wall clock. */
final class ScaledClock implements SimClock {
    private final double speed;
    private final Instant startInstant;
    private final long startNanos;

    ScaledClock(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("clock speed must be a positive number, not " + speed);
        }
        this.speed = speed;
        this.startInstant = Instant.now();
        this.startNanos = System.nanoTime();
    }

    @Override
    public Instant now() {
        if (speed == 1.0) {
            return Instant.now();
        }
        long elapsedNanos = System.nanoTime() - startNanos;
        return startInstant.plusNanos((long) (elapsedNanos * speed));
    }

    @Override
    public double speed() {
        return speed;
    }

    @Override
    public void sleep(Duration simulated) throws InterruptedException {
        if (simulated.isNegative() || simulated.isZero()) {
            return;
        }
        long realNanos = (long) (simulated.toNanos() / speed);
        Thread.sleep(realNanos / 1_000_000, (int) (realNanos % 1_000_000));
    }

    @Override
    public String toString() {
        return "SimClock[speed=" + speed + "]";
    }
}
