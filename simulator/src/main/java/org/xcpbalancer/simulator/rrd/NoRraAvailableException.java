package org.xcpbalancer.simulator.rrd;

/**
 * No archive can answer an rrd_updates request: nothing to export (e.g. host=false and a vm_uuid not resident
 * here), a consolidation function other than AVERAGE, or an interval longer than the longest archive. xcp-rrdd
 * raises Rrd.No_RRA_Available and the request fails.
 */
public final class NoRraAvailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoRraAvailableException(String message) {
        super(message);
    }
}
