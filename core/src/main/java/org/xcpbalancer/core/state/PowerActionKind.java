package org.xcpbalancer.core.state;

import java.util.Arrays;

/** A host power action xcp-control takes (stored in HostPowerAction.Action). */
public enum PowerActionKind {
    /** host.disable then host.shutdown of a host density mode emptied. */
    POWER_OFF("power_off"),
    /** host.power_on of a sleeping host, followed across runs until it is live and enabled. */
    POWER_ON("power_on");

    private final String dbValue;

    PowerActionKind(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static PowerActionKind of(String dbValue) {
        return Arrays.stream(values()).filter(k -> k.dbValue.equals(dbValue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown power action '" + dbValue + "'"));
    }
}
