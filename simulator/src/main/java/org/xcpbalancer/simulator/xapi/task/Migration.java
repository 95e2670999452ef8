package org.xcpbalancer.simulator.xapi.task;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;

/**
 * One live migration in flight: how long it takes in pool time, how far it has come, and whether (and where) it is
 * fated to fail. Progress only advances while the "hanging migration" fault is off.
 */
final class Migration {

    final SimVm vm;
    final SimHost source;
    final SimHost destination;
    final SimTask task;
    final double bytesPerSec;
    final Duration duration;
    /** Progress at which a migration fated to fail (failure rate) fails; NaN if it succeeds. */
    final double failAtProgress;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private Duration elapsed = Duration.ZERO;
    private Instant lastTick;

    Migration(SimVm vm, SimHost source, SimHost destination, SimTask task, double bytesPerSec, Duration duration,
              double failAtProgress, Instant start) {
        this.vm = vm;
        this.source = source;
        this.destination = destination;
        this.task = task;
        this.bytesPerSec = bytesPerSec;
        this.duration = duration;
        this.failAtProgress = failAtProgress;
        this.lastTick = start;
    }

    /** Advances by the pool time since the last tick unless hanging; returns the progress 0..1. */
    double advance(Instant now, boolean hanging) {
        Duration step = Duration.between(lastTick, now);
        lastTick = now;
        if (!hanging && !step.isNegative()) {
            elapsed = elapsed.plus(step);
        }
        if (duration.isZero()) {
            return 1.0;
        }
        return Math.min(1.0, (double) elapsed.toNanos() / duration.toNanos());
    }
}
