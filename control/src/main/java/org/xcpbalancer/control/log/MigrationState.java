package org.xcpbalancer.control.log;

import java.util.Locale;

/**
 * Migration.State: a row is written planned, then launched (with its task), then one of the end states.
 * REFUSED: XAPI answered HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN, a refusal to learn from, not a failure.
 */
public enum MigrationState {
    PLANNED, LAUNCHED, SUCCEEDED, FAILED, TIMEOUT, CANCELLED, REFUSED;

    /** XAPI's error when a migration would break the pool's HA failover plan. */
    public static final String HA_PLAN_ERROR = "HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN";

    /** As stored: lower case. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MigrationState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean inFlight() {
        return this == PLANNED || this == LAUNCHED;
    }

    /** Ends that count as a failure of the VM's migration (for the backoff). */
    public boolean failure() {
        return this == FAILED || this == TIMEOUT;
    }
}
