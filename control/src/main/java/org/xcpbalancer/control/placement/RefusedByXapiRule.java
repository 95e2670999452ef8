package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.plan.Eligibility;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/**
 * A VM/host pair XAPI refused with HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN is not planned again while the gate
 * keeps it out (control.failureBackoff): XAPI saw something our HA check did not, and asking again would only
 * be refused again. Added per run by the strategy chain, as it needs that run's gate.
 */
public final class RefusedByXapiRule implements PlacementRule {
    private final Eligibility gate;

    public RefusedByXapiRule(Eligibility gate) {
        this.gate = gate;
    }

    @Override
    public Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool) {
        HostState host = pool.host(destination);
        return gate.pairRefusal(vm.uuid(), host.uuid()).map(why -> new PlacementRefusal(
                PlacementRefusal.Kind.REFUSED_BY_XAPI, "XAPI refused " + vm.name() + " on " + host.name() + " " + why));
    }
}
