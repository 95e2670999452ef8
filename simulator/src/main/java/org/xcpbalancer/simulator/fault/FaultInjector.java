package org.xcpbalancer.simulator.fault;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides per call whether a fault hits it, from the current {@link FaultSettings}. Seeded, so a test run with the
 * same seed and the same call order sees the same faults.
 */
public final class FaultInjector {

    private final AtomicReference<FaultSettings> settings;
    private final Random random;
    /** /rrd_updates GETs still to be answered HTTP 500, whatever the shares say (a deterministic fault). */
    private final AtomicInteger rrdUpdatesToFail = new AtomicInteger();

    public FaultInjector(FaultSettings initial, long seed) {
        this.settings = new AtomicReference<>(initial);
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    public FaultSettings settings() {
        return settings.get();
    }

    public void set(FaultSettings value) {
        settings.set(value);
    }

    /** Sleeps for the configured latency (real time: latency models the network, not the pool). */
    public void applyLatency() {
        Duration latency = settings.get().latency();
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next count /rrd_updates GETs (of any host) are answered HTTP 500, as xapi does on an internal error. */
    public void failNextRrdUpdates(int count) {
        rrdUpdatesToFail.set(Math.max(0, count));
    }

    /** The fault for one request; rrdUpdates tells a GET /rrd_updates from an XAPI call. */
    public CallFault nextCallFault(boolean rrdUpdates) {
        if (rrdUpdates && rrdUpdatesToFail.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return CallFault.FAIL;
        }
        return nextCallFault();
    }

    public CallFault nextCallFault() {
        FaultSettings current = settings.get();
        if (current.failShare() == 0.0 && current.dropShare() == 0.0) {
            return CallFault.NONE;
        }
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (draw < current.dropShare()) {
            return CallFault.DROP;
        }
        if (draw < current.dropShare() + current.failShare()) {
            return CallFault.FAIL;
        }
        return CallFault.NONE;
    }

    /** A uniform draw in [0, 1) for other seeded decisions (migration failures). */
    public double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }
}
