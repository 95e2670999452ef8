package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.core.state.HostRule;

/**
 * The decisions of one plan() call, in order. The planning loop looks at the same hosts and VMs again after
 * each move; exclusions and waits are recorded once each.
 */
final class DecisionLog {
    private final List<Decision> decisions = new ArrayList<>();
    private final Set<String> excludedVms = new HashSet<>();
    private final Set<String> excludedHosts = new HashSet<>();
    private final Set<Violation.Key> waiting = new HashSet<>();

    void add(Decision decision) {
        decisions.add(decision);
    }

    void excludeVmOnce(HostRule rule, String hostUuid, String vmUuid, String reason) {
        if (excludedVms.add(vmUuid)) {
            decisions.add(Decision.aboutVm(DecisionAction.EXCLUDE, rule, hostUuid, vmUuid, reason));
        }
    }

    void excludeHostOnce(String hostUuid, String reason) {
        if (excludedHosts.add(hostUuid)) {
            decisions.add(Decision.aboutHost(DecisionAction.EXCLUDE, null, hostUuid, reason));
        }
    }

    void waitOnce(Violation violation, String reason) {
        if (waiting.add(violation.key())) {
            decisions.add(Decision.aboutHost(DecisionAction.WAIT, violation.rule(), violation.host().uuid(), reason));
        }
    }

    /** Whether some violation was seen but has not lasted long enough yet. */
    boolean anyWaiting() {
        return !waiting.isEmpty();
    }

    List<Decision> decisions() {
        return decisions;
    }
}
