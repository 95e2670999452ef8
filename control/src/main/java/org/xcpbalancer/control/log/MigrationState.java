package org.xcpbalancer.control.log;

import java.util.Locale;

/** Migration.State: a row is written planned, then launched (with its task), then one of the end states. */
public enum MigrationState {
    PLANNED, LAUNCHED, SUCCEEDED, FAILED, TIMEOUT, CANCELLED;

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
