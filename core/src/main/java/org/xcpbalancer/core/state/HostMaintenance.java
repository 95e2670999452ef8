package org.xcpbalancer.core.state;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A host's maintenance as recorded in HostMaintenance (V8): who disabled it and why, how far its evacuation got,
 * and the VMs it could not move. Together with the host's own `enabled` flag in XAPI it is the host's
 * maintenance, so it survives restarts. The console records requests; the pool's controller carries them out.
 *
 * @param status   the last step in words ("empty since 13:42: 25 VMs moved"); empty before the first step
 * @param leftVms  the running VMs the last step could not move, with why
 */
public record HostMaintenance(int poolId, String hostUuid, String hostName, DisabledBy disabledBy, State state,
        Optional<String> reason, String requestedBy, Instant requestedAt, Optional<Instant> disabledAt,
        Optional<String> status, Instant updatedAt, Optional<String> enableRequestedBy, Optional<Instant> endedAt,
        List<LeftVm> leftVms) {

    public HostMaintenance {
        leftVms = List.copyOf(leftVms);
    }

    /** A record as EVACUATE HOST writes it, before its owner did anything (the evacuation's dry run plans on it). */
    public static HostMaintenance requested(int poolId, String hostUuid, String hostName, String requestedBy, Instant at) {
        return new HostMaintenance(poolId, hostUuid, hostName, DisabledBy.EVACUATE, State.REQUESTED, Optional.empty(),
                requestedBy, at, Optional.empty(), Optional.empty(), at, Optional.empty(), Optional.empty(), List.of());
    }

    /** Who took the host out of service. */
    public enum DisabledBy {
        /** EVACUATE HOST in xcp-manager or xcp-control --evacuate. */
        EVACUATE,
        /** Someone disabled it outside xcp-balancer (XenCenter, xe host-disable); recorded when enabled through it. */
        OPERATOR,
        /** The density strategy emptied it to power it off. */
        DENSITY;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static DisabledBy fromDb(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** How far the maintenance got. */
    public enum State {
        /** Recorded; the pool's controller has not acted yet. */
        REQUESTED,
        /** Disabled; its VMs are being moved. */
        EVACUATING,
        /** Disabled; no running guest is left on it. */
        EMPTY,
        /** Disabled; some VMs cannot move (see leftVms). */
        BLOCKED,
        /** ENABLE HOST recorded; the pool's controller has not enabled it yet. */
        ENABLE_REQUESTED,
        /** Enabled again: balancing may fill it. */
        ENDED;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static State fromDb(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** A running VM that did not leave the host, and why. */
    public record LeftVm(String vmUuid, String vmName, String reason) {
    }

    /** Whether the host is in maintenance: never a destination (every state but ENDED). */
    public boolean active() {
        return state != State.ENDED;
    }

    /** "in maintenance (evacuating, requested by alice (xcp-manager): new RAM)" as listings and decisions say it. */
    public String describe() {
        return "in maintenance (" + state.dbValue() + ", " + (disabledBy == DisabledBy.DENSITY ? "by density"
                : "requested by " + requestedBy) + reason.map(r -> ": " + r).orElse("") + ")";
    }
}
