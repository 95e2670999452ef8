package org.xcpbalancer.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pool's power model: a host that is on draws idleWatts + (maxWatts − idleWatts) × its CPU utilisation; a
 * booting, shutting-down or crashed machine draws idleWatts; a host that is off draws nothing. Energy is
 * integrated in 5 s steps of simulated time since the model's start, sampled before every change (placement is
 * constant between changes) and when read. Called with the model's lock held.
 */
final class PowerMeter {
    private static final Duration STEP = Duration.ofSeconds(5);

    private final PoolModel model;
    private final LoadCalculator loads;
    private final Map<SimHost, Double> wattHours = new LinkedHashMap<>();
    private Instant integratedUntil;

    PowerMeter(PoolModel model, LoadCalculator loads) {
        this.model = model;
        this.loads = loads;
        this.integratedUntil = model.start();
        model.hosts().forEach(host -> wattHours.put(host, 0.0));
    }

    /** What the host draws at an instant with the current placement and power state. */
    double watts(SimHost host, Instant at) {
        return switch (host.power()) {
            case OFF -> 0;
            case BOOTING, SHUTTING_DOWN, CRASHED -> host.idleWatts();
            case RUNNING -> host.idleWatts()
                    + (host.maxWatts() - host.idleWatts()) * loads.hostLoad(host, at).cpuAvg();
        };
    }

    /** Integrates up to now. */
    void catchUp() {
        Instant now = model.clock().now();
        while (integratedUntil.isBefore(now)) {
            Instant next = integratedUntil.plus(STEP);
            if (next.isAfter(now)) {
                next = now;
            }
            double hours = Duration.between(integratedUntil, next).toNanos() / 3.6e12;
            for (Map.Entry<SimHost, Double> entry : wattHours.entrySet()) {
                entry.setValue(entry.getValue() + watts(entry.getKey(), integratedUntil) * hours);
            }
            integratedUntil = next;
        }
    }

    double wattHours(SimHost host) {
        return wattHours.get(host);
    }
}
