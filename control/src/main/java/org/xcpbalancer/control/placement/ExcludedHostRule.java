package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/** A host listed in control.excludeHosts takes no VM. */
public final class ExcludedHostRule implements PlacementRule {
    private final SafetyPolicy policy;

    public ExcludedHostRule(SafetyPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool) {
        HostState host = pool.host(destination);
        if (policy.excludesHost(host.uuid(), host.name())) {
            return Optional.of(new PlacementRefusal(PlacementRefusal.Kind.HOST_EXCLUDED,
                    host.name() + " is listed in control.excludeHosts"));
        }
        return Optional.empty();
    }
}
