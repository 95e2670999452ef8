package org.xcpbalancer.core.state;

import java.util.Arrays;

/** Where a power action stands (stored in HostPowerAction.State). */
public enum PowerActionState {
    /** Asked of XAPI; a power-on waits for the host to be live and enabled. */
    STARTED("started"),
    /** The host was shut down, or (power-on) was seen live and enabled. */
    DONE("done"),
    /** XAPI refused, the host was not empty at the re-check, or it did not come back within density.bootTimeout. */
    FAILED("failed");

    private final String dbValue;

    PowerActionState(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static PowerActionState of(String dbValue) {
        return Arrays.stream(values()).filter(s -> s.dbValue.equals(dbValue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown power action state '" + dbValue + "'"));
    }
}
