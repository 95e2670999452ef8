package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.VmState;

/** Asks one rule about a VM and a host of a hand-built snapshot, by name. */
final class RuleTesting {
    private RuleTesting() {
    }

    static Optional<PlacementRefusal> ask(PlacementRule rule, PoolSnapshot snapshot, String vmName, String hostName) {
        return ask(rule, PredictedPool.of(snapshot), snapshot, vmName, hostName);
    }

    static Optional<PlacementRefusal> ask(PlacementRule rule, PredictedPool pool, PoolSnapshot snapshot, String vmName,
            String hostName) {
        return rule.refuse(vm(snapshot, vmName), pool.indexOf(SnapshotBuilder.uuid(hostName)), pool);
    }

    static VmState vm(PoolSnapshot snapshot, String name) {
        return snapshot.vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
