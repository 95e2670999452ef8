package org.xcpbalancer.guard.state;

import java.util.Arrays;

/**
 * GuardAction.Outcome. PLANNED is written before the XAPI call or command, so a guard that dies in between leaves
 * a trace its successor reads (and re-checks XAPI) instead of acting twice.
 */
public enum ActionOutcome {
    PLANNED("planned"),
    LAUNCHED("launched"),
    DONE("done"),
    FAILED("failed"),
    DRY_RUN("dry_run"),
    /** A "would act but...": the reason says what it waits for (proof of fencing, room, a step's wait). */
    WAITING("waiting"),
    /** Something an operator must know that the guard will not act on (partition, master unreachable). */
    ALERT("alert");

    private final String dbValue;

    ActionOutcome(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static ActionOutcome of(String dbValue) {
        return Arrays.stream(values()).filter(o -> o.dbValue.equals(dbValue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown GuardAction.Outcome " + dbValue));
    }
}
