package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.constraints.Constraint;
import org.xcpbalancer.core.state.VmState;

/**
 * Members of an affinity group (xcp-balancer:affinity=NAME) stay together: a member may move only to a host
 * where another running member is, as predicted. A whole group moves with {@link Placement#checkTogether},
 * which asks each member against the pool with the others already moved, so it passes here.
 */
public final class AffinityRule implements PlacementRule {
    @Override
    public Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool) {
        for (Constraint group : pool.constraints().groupsOf(vm.uuid(), Constraint.Kind.AFFINITY)) {
            boolean peerRuns = false;
            boolean peerThere = false;
            for (String member : group.vmUuids()) {
                Integer at = member.equals(vm.uuid()) ? null : pool.hostOf(member);
                if (at != null) {
                    peerRuns = true;
                    peerThere |= at == destination;
                }
            }
            if (peerRuns && !peerThere) {
                return Optional.of(new PlacementRefusal(PlacementRefusal.Kind.AFFINITY, "moving " + vm.name()
                        + " alone to " + pool.host(destination).name() + " would take it away from its "
                        + group.title() + " (a group moves together or not at all)"));
            }
        }
        return Optional.empty();
    }
}
