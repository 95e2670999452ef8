package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/**
 * A host in maintenance (HostMaintenance, V8) takes no VM, even before its owner has disabled it (an EVACUATE
 * only recorded so far) and after an operator enabled it behind our back until ENABLE HOST ends the maintenance:
 * balancing must not refill a host being emptied. Added per run by the strategy chain and the evacuation, as it
 * needs that run's snapshot.
 */
public final class InMaintenanceRule implements PlacementRule {
    private final PoolSnapshot snapshot;

    public InMaintenanceRule(PoolSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool) {
        if (snapshot.maintenance().isEmpty()) {
            return Optional.empty();
        }
        HostState host = pool.host(destination);
        return snapshot.maintenanceOf(host.uuid()).map(m -> new PlacementRefusal(PlacementRefusal.Kind.HOST_IN_MAINTENANCE,
                host.name() + " is " + m.describe()));
    }
}
