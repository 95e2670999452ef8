package org.xcpbalancer.control.plan;

import java.util.Objects;
import org.xcpbalancer.core.state.HostRule;

/**
 * One decision the controller took, in words a user reads: printed on every run and stored in ControlDecision.
 * rule, hostUuid and vmUuid are null when the decision is not about one.
 */
public record Decision(DecisionAction action, HostRule rule, String hostUuid, String vmUuid, String reason) {

    public Decision {
        Objects.requireNonNull(action);
        Objects.requireNonNull(reason);
    }

    public static Decision of(DecisionAction action, String reason) {
        return new Decision(action, null, null, null, reason);
    }

    public static Decision aboutHost(DecisionAction action, HostRule rule, String hostUuid, String reason) {
        return new Decision(action, rule, hostUuid, null, reason);
    }

    public static Decision aboutVm(DecisionAction action, HostRule rule, String hostUuid, String vmUuid, String reason) {
        return new Decision(action, rule, hostUuid, vmUuid, reason);
    }

    /** "MOVE: reason", as printed. */
    public String line() {
        return action + ": " + reason;
    }
}
