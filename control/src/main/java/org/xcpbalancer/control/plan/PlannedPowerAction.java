package org.xcpbalancer.control.plan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.xcpbalancer.core.state.PowerActionKind;

/**
 * A host power action the plan asks for: power off a host once it is empty (its VMs' moves of this run must all
 * succeed first, and the host is checked empty again at that moment), or power on a sleeping host.
 *
 * @param afterMovesOf the VMs whose planned moves must have succeeded before a power-off (empty for power-on)
 * @param deadline     power-on: when the host, not yet live and enabled, is given up (null for power-off)
 */
public record PlannedPowerAction(PowerActionKind kind, String hostUuid, String hostName, String reason,
        List<String> afterMovesOf, Instant deadline) {

    public PlannedPowerAction {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(hostUuid);
        Objects.requireNonNull(reason);
        afterMovesOf = List.copyOf(afterMovesOf);
    }

    /** "power off Host3", as printed. */
    public String summary() {
        return (kind == PowerActionKind.POWER_OFF ? "power off " : "power on ") + hostName;
    }
}
