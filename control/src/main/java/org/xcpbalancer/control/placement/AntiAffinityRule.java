package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.constraints.Constraint;
import org.xcpbalancer.core.state.VmState;

/**
 * A member of an anti-affinity group (XAPI VM_group with placement anti_affinity, or the tag
 * xcp-balancer:anti-affinity=NAME) never moves onto a host that runs, as predicted, another member.
 */
public final class AntiAffinityRule implements PlacementRule {
    @Override
    public Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool) {
        for (Constraint group : pool.constraints().groupsOf(vm.uuid(), Constraint.Kind.ANTI_AFFINITY)) {
            for (String member : group.vmUuids()) {
                if (member.equals(vm.uuid())) {
                    continue;
                }
                Integer at = pool.hostOf(member);
                if (at != null && at == destination) {
                    return Optional.of(new PlacementRefusal(PlacementRefusal.Kind.ANTI_AFFINITY,
                            pool.host(destination).name() + " already runs a member of " + vm.name() + "'s "
                                    + group.title()));
                }
            }
        }
        return Optional.empty();
    }
}
