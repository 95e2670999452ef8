package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.VmState;

/**
 * One independent condition for "may this VM run on this host": a rule looks only at the VM, the destination
 * and the pool as predicted after the moves planned so far, and never at other rules. New conditions
 * (anti-affinity, VM-to-host labels, the XAPI HA plan) are new rules added to {@link Placement#standard}.
 */
@FunctionalInterface
public interface PlacementRule {
    /** Why the VM may not run on host {@code destination} of the pool; empty when this rule allows it. */
    Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool);
}
