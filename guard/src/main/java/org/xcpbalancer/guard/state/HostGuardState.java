package org.xcpbalancer.guard.state;

import java.util.Arrays;

/** Where a host stands for the guard (GuardHost.State); see V10__guard.sql for each value's meaning. */
public enum HostGuardState {
    UP("up"),
    SUSPECTED("suspected"),
    DEAD("dead"),
    PARTITIONED("partitioned"),
    FENCE_FAILED("fence_failed"),
    FENCED("fenced"),
    CONFIRMED_DOWN("confirmed_down");

    private final String dbValue;

    HostGuardState(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    /** Proven off: its VMs may be reset and started elsewhere. */
    public boolean provenOff() {
        return this == FENCED;
    }

    public static HostGuardState of(String dbValue) {
        return Arrays.stream(values()).filter(s -> s.dbValue.equals(dbValue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown GuardHost.State " + dbValue));
    }
}
