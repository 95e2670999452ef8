package org.xcpbalancer.control.placement;

import java.util.Objects;

/**
 * Why a VM may not run on a host in the predicted pool: a kind a program can test, and a detail a person reads
 * (e.g. "Idle has 596 MB free memory, Db needs 8192 MB").
 */
public record PlacementRefusal(Kind kind, String detail) {

    /** Every reason {@link Placement} knows; a new {@link PlacementRule} adds its own kind here. */
    public enum Kind {
        /** The destination is the host the VM already runs on. */
        SAME_HOST,
        /** The destination is listed in control.excludeHosts. */
        HOST_EXCLUDED,
        /** The destination is disabled (Host.enabled false: maintenance or being evacuated). */
        HOST_DISABLED,
        /** The destination is in maintenance (HostMaintenance): EVACUATE HOST recorded, being emptied, or empty. */
        HOST_IN_MAINTENANCE,
        /** The destination is not live (Host_metrics.live false). */
        HOST_NOT_LIVE,
        /** The destination's free memory, less what migrations in flight reserve there, is below the VM's. */
        NOT_ENOUGH_MEMORY,
        /** The VM must run on hosts with a label (xcp-balancer:run-on=LABEL) the destination lacks. */
        RUN_ON_LABEL,
        /** Another member of one of the VM's anti-affinity groups runs on the destination. */
        ANTI_AFFINITY,
        /** The move would take the VM away from the rest of its affinity group. */
        AFFINITY,
        /** After the move XAPI's HA could no longer restart the protected VMs after the failures to tolerate. */
        HA_PLAN,
        /** XAPI refused this VM on this host (HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN) within the backoff. */
        REFUSED_BY_XAPI
    }

    public PlacementRefusal {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(detail);
    }
}
