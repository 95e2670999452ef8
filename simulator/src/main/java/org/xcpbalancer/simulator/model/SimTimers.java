package org.xcpbalancer.simulator.model;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an action when the simulated clock reaches a deadline (a host finishing its boot, the master noticing a
 * dead host), so durations follow --speed and a test's manual clock. Each action runs on a daemon thread that
 * sleeps on the clock; whoever schedules decides on wake-up whether the action still applies.
 */
final class SimTimers {
    private final SimClock clock;
    private final ExecutorService threads;

    SimTimers(SimClock clock) {
        this.clock = clock;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "xcp-sim-timer-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void at(Instant deadline, Runnable action) {
        threads.execute(() -> {
            try {
                clock.sleepUntil(deadline);
                action.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    void close() {
        threads.shutdownNow();
    }
}
