package org.xcpbalancer.core.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored power action on a host (a HostPowerAction row). doneAt is null while started; deadlineAt (power-on)
 * is when a host not yet live and enabled is given up; error is null unless it failed.
 */
public record HostPowerRecord(long id, String hostUuid, String hostName, PowerActionKind kind, PowerActionState state,
        String reason, Instant startedAt, Instant doneAt, Instant deadlineAt, String error) {

    public HostPowerRecord {
        Objects.requireNonNull(hostUuid);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(state);
        Objects.requireNonNull(startedAt);
    }

    public boolean is(PowerActionKind k, PowerActionState s) {
        return kind == k && state == s;
    }
}
