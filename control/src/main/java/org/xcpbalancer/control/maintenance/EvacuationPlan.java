package org.xcpbalancer.control.maintenance;

import java.util.List;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.core.state.HostMaintenance.LeftVm;

/**
 * Where each running VM of a host in maintenance goes, and the VMs that cannot go, each with why.
 *
 * @param moves one per VM that can leave, biggest memory first, each checked against the pool after the others
 * @param left  the VMs that stay, with why (a vGPU, PCI, no room, a constraint, every destination over a rule)
 */
public record EvacuationPlan(String hostUuid, String hostName, List<PlannedMove> moves, List<LeftVm> left) {

    public EvacuationPlan {
        moves = List.copyOf(moves);
        left = List.copyOf(left);
    }

    /** Whether the host is empty once the moves are done. */
    public boolean emptiesHost() {
        return left.isEmpty();
    }
}
