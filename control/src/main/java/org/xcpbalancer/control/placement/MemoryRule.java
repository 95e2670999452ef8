package org.xcpbalancer.control.placement;

import java.util.Optional;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/**
 * The destination must hold the VM's memory: its free memory as predicted (XAPI's free memory already counts the
 * control domain's as used; planned moves add and take theirs) less what migrations in flight reserve there,
 * as VM.pool_migrate reserves the VM's memory on the destination before it starts.
 */
public final class MemoryRule implements PlacementRule {
    @Override
    public Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool) {
        HostState host = pool.host(destination);
        long availableMb = availableMb(pool, destination);
        if (vm.memoryMb() == null || vm.memoryMb() > availableMb) {
            long reservedMb = pool.reservedMemoryMb(destination);
            return Optional.of(new PlacementRefusal(PlacementRefusal.Kind.NOT_ENOUGH_MEMORY, host.name() + " has "
                    + availableMb + " MB free memory" + (reservedMb > 0 ? " after " + reservedMb
                            + " MB reserved by migrations in flight" : "") + ", " + vm.name() + " needs "
                    + (vm.memoryMb() == null ? "an unknown amount" : vm.memoryMb() + " MB")));
        }
        return Optional.empty();
    }

    /** Free memory on the host for one more VM: predicted free memory less in-flight reservations. */
    public static long availableMb(PredictedPool pool, int host) {
        return pool.freeMemoryMb(host) - pool.reservedMemoryMb(host);
    }
}
