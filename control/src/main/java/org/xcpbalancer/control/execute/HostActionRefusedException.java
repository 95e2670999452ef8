package org.xcpbalancer.control.execute;

import java.util.List;

/**
 * XAPI refused a host call (host.disable, enable, shutdown, power_on): which call, and XAPI's error code and
 * parameters, e.g. host.shutdown refused with HOST_IN_USE [host, "vm", vm].
 */
public final class HostActionRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final List<String> errorDescription;

    public HostActionRefusedException(String call, List<String> errorDescription) {
        super(call + " refused: " + String.join(" ", errorDescription));
        this.call = call;
        this.errorDescription = List.copyOf(errorDescription);
    }

    /** The XAPI call refused, e.g. "host.shutdown". */
    public String call() {
        return call;
    }

    /** XAPI's error code, e.g. HOST_NOT_DISABLED. */
    public String code() {
        return errorDescription.isEmpty() ? "UNKNOWN" : errorDescription.get(0);
    }

    public List<String> errorDescription() {
        return errorDescription;
    }
}
