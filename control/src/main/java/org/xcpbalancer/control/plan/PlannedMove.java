package org.xcpbalancer.control.plan;

import org.xcpbalancer.core.state.HostRule;

/**
 * One migration the plan asks for: the VM, where from and where to, the rule that caused it, why this one was
 * chosen, and the predicted effect. A constraint repair has no rule and no prediction (both null); its reason
 * names the constraint it fixes.
 */
public record PlannedMove(
        String vmUuid,
        String vmName,
        long vmMemoryMb,
        String sourceUuid,
        String sourceName,
        String destinationUuid,
        String destinationName,
        HostRule rule,
        String reason,
        Prediction prediction) {

    /** "VM2 - Debian: Host2 -> Host1", as printed. */
    public String summary() {
        return vmName + ": " + sourceName + " -> " + destinationName;
    }
}
