package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.VmState;

/** A VM cannot migrate to the host it runs on (in the predicted pool). */
public final class SameHostRule implements PlacementRule {
    @Override
    public Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool) {
        Integer at = pool.hostOf(vm.uuid());
        if (at != null && at == destination) {
            return Optional.of(new PlacementRefusal(PlacementRefusal.Kind.SAME_HOST,
                    vm.name() + " already runs on " + pool.host(destination).name()));
        }
        return Optional.empty();
    }
}
