package org.xcpbalancer.simulator.model;

import java.time.Duration;
import java.time.Instant;

/** A clock for tests: time stands still until {@link #advance} or {@link #set}; sleepers wait for it. */
public final class ManualClock implements SimClock {
    private Instant now;

    ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public double speed() {
        return 1.0;
    }

    @Override
    public synchronized void sleep(Duration simulated) throws InterruptedException {
        Instant until = now.plus(simulated);
        while (now.isBefore(until)) {
            wait();
        }
    }

    @Override
    public synchronized void sleepUntil(Instant deadline) throws InterruptedException {
        while (now.isBefore(deadline)) {
            wait();
        }
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
        notifyAll();
    }

    public synchronized void set(Instant instant) {
        now = instant;
        notifyAll();
    }
}
