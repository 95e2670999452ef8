package org.xcpbalancer.control.placement;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.VmState;

/**
 * On a pool with XAPI HA enabled, a move must keep the pool able to restart its protected VMs after
 * ha_host_failures_to_tolerate host failures ({@link HaCapacity}), as xapi's own check on VM.pool_migrate
 * does (HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN). Like xapi, a pool whose plan is already broken before the
 * move is not held to it: the move cannot break what does not hold. xcp-balancer never sets
 * ha_allow_overcommit, and does not rely on it either.
 */
public final class HaPlanRule implements PlacementRule {
    /** The capacity of the last pool asked about: a search asks many candidates against one pool. */
    private PredictedPool lastPool;
    private HaCapacity lastCapacity;
    private boolean lastHeld;

    @Override
    public Optional<PlacementRefusal> refuse(VmState vm, int destination, PredictedPool pool) {
        PoolHa ha = pool.constraints().ha();
        Integer source = pool.hostOf(vm.uuid());
        if (!ha.enabled() || ha.hostFailuresToTolerate() <= 0 || source == null || source == destination) {
            return Optional.empty();
        }
        int k = (int) Math.min(Integer.MAX_VALUE, ha.hostFailuresToTolerate());
        if (pool != lastPool) {
            lastCapacity = HaCapacity.of(pool);
            lastHeld = lastCapacity.brokenBy(k).isEmpty();
            lastPool = pool;
        }
        if (!lastHeld) {
            return Optional.empty();
        }
        long memoryMb = vm.memoryMb() == null ? 0 : vm.memoryMb();
        boolean isProtected = pool.constraints().protectedMemoryMb().containsKey(vm.uuid());
        Optional<int[]> broken = lastCapacity.withMove(memoryMb, isProtected, source, destination).brokenBy(k);
        return broken.map(hosts -> new PlacementRefusal(PlacementRefusal.Kind.HA_PLAN, "after moving " + vm.name()
                + " to " + pool.host(destination).name() + ", XAPI's HA could not restart the protected VMs of "
                + Arrays.stream(hosts).mapToObj(h -> pool.host(h).name()).collect(Collectors.joining(" and "))
                + " if " + (hosts.length == 1 ? "it" : "they") + " failed (ha_host_failures_to_tolerate " + k + ")"));
    }
}
