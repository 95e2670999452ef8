package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/** A disabled host (Host.enabled false) or one that is not live (Host_metrics.live false) takes no VM: XAPI refuses. */
public final class HostAvailableRule implements PlacementRule {
    @Override
    public Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool) {
        HostState host = pool.host(destination);
        if (!host.enabled()) {
            return Optional.of(new PlacementRefusal(PlacementRefusal.Kind.HOST_DISABLED, host.name() + " is disabled"));
        }
        if (Boolean.FALSE.equals(host.live())) {
            return Optional.of(new PlacementRefusal(PlacementRefusal.Kind.HOST_NOT_LIVE, host.name() + " is not live"));
        }
        return Optional.empty();
    }
}
