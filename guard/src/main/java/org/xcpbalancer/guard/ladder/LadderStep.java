package org.xcpbalancer.guard.ladder;

import java.util.Arrays;

/**
 * How far up the ladder a protected VM has climbed since its history was last cleared: nothing done yet, hard
 * rebooted (or, when it was Halted, started again), restarted on another host, given up. Stored in
 * GuardVm.LadderStep as {@link #dbValue()} (none, reboot, restart, give_up).
 */
public enum LadderStep {
    NONE("none"), REBOOTED("reboot"), RESTARTED("restart"), GAVE_UP("give_up");

    private final String dbValue;

    LadderStep(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    /** The step stored as {@link #dbValue()}; null or blank is NONE. */
    public static LadderStep fromDb(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return Arrays.stream(values()).filter(s -> s.dbValue.equals(value.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown GuardVm.LadderStep " + value));
    }
}
