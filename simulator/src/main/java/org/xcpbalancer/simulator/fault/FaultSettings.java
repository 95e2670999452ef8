package org.xcpbalancer.simulator.fault;

import java.time.Duration;

/**
 * The faults the simulator can inject, as one immutable value; {@link FaultInjector} holds the current one and
 * tests or the /sim/ API swap it at run time.
 *
 * @param latency           added to every XAPI call and rrd_updates request before it is answered
 * @param failShare         share of calls (0..1) answered with HTTP 500, as xapi does for an internal error
 * @param dropShare         share of calls (0..1) whose connection is closed without an answer
 * @param hangMigrations    migrations started while set never progress (until cancelled or the fault is cleared)
 * @param migrationFailureShare share of migrations (0..1) ending in VM_MIGRATE_FAILED; null = the scenario's rate
 */
public record FaultSettings(Duration latency, double failShare, double dropShare, boolean hangMigrations,
                            Double migrationFailureShare) {

    public static final FaultSettings NONE = new FaultSettings(Duration.ZERO, 0.0, 0.0, false, null);

    public FaultSettings {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or more");
        }
        requireShare("failShare", failShare);
        requireShare("dropShare", dropShare);
        if (migrationFailureShare != null) {
            requireShare("migrationFailureShare", migrationFailureShare);
        }
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0.0 && share <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + share);
        }
    }

    public FaultSettings withLatency(Duration value) {
        return new FaultSettings(value, failShare, dropShare, hangMigrations, migrationFailureShare);
    }

    public FaultSettings withFailShare(double value) {
        return new FaultSettings(latency, value, dropShare, hangMigrations, migrationFailureShare);
    }

    public FaultSettings withDropShare(double value) {
        return new FaultSettings(latency, failShare, value, hangMigrations, migrationFailureShare);
    }

    public FaultSettings withHangMigrations(boolean value) {
        return new FaultSettings(latency, failShare, dropShare, value, migrationFailureShare);
    }

    public FaultSettings withMigrationFailureShare(Double value) {
        return new FaultSettings(latency, failShare, dropShare, hangMigrations, value);
    }
}
