package org.xcpbalancer.control.execute;

import java.util.List;

/** XAPI answered a migration call with an error: its code (e.g. HOST_NOT_ENOUGH_FREE_MEMORY) and parameters. */
public final class MigrationRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> errorDescription;

    public MigrationRefusedException(List<String> errorDescription) {
        super(String.join(" ", errorDescription));
        this.errorDescription = List.copyOf(errorDescription);
    }

    public String code() {
        return errorDescription.isEmpty() ? "UNKNOWN" : errorDescription.get(0);
    }

    public List<String> errorDescription() {
        return errorDescription;
    }
}
