package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.constraints.Constraint;
import org.xcpbalancer.core.constraints.ConstraintModel;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/** A VM tagged xcp-balancer:run-on=LABEL runs only on hosts tagged xcp-balancer:label=LABEL (every such label). */
public final class RunOnRule implements PlacementRule {
    @Override
    public Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool) {
        ConstraintModel model = pool.constraints();
        HostState host = pool.host(destination);
        if (model.allows(vm.uuid(), host.uuid())) {
            return Optional.empty();
        }
        Constraint must = model.runOn(vm.uuid());
        return Optional.of(new PlacementRefusal(PlacementRefusal.Kind.RUN_ON_LABEL, vm.name() + " must run on hosts"
                + " labelled " + String.join(" and ", must.labels().stream().sorted().toList()) + ", " + host.name()
                + (model.labels(host.uuid()).isEmpty() ? " has no label"
                        : " has " + String.join(", ", model.labels(host.uuid()).stream().sorted().toList()))));
    }
}
