package org.xcpbalancer.control.strategy.density;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.xcpbalancer.control.placement.HaCapacity;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.VmState;

/**
 * XAPI's HA plan when density powers a host off. Density disables the emptied host before host.shutdown, and on
 * a pool with HA xapi refuses host.disable when a plan exists now and would not with the host disabled
 * (message_forwarding.ml Host.disable calls xapi_ha_vm_failover.ml assert_host_disable_preserves_ha_plan, i.e.
 * assert_configuration_change_preserves_ha_plan with hosts_to_disable = [host]: plan_for_n_failures then counts
 * that host as no restart target). host.shutdown has no plan check of its own (xapi_host.ml
 * shutdown_and_reboot_common: the host must be disabled, and HA needs statefile access), so host.disable is the
 * one gate. Density therefore places the host's VMs on the pool as it will be then, the host disabled (as
 * EvacuationPlanner does), and plans the power-off only when the plan still holds on the final predicted pool.
 * As {@code HaPlanRule}: ha_host_failures_to_tolerate failures, ha_allow_overcommit not relied on, and a plan that
 * does not hold before is not held to (xapi: "no plan currently exists; cannot get worse"). xapi counts the
 * failures of ha_plan_exists_for, which is ha_host_failures_to_tolerate while the plan holds.
 */
final class PowerOffHaPlan {
    private PowerOffHaPlan() {
    }

    /**
     * The pool as the strategies before density predicted it ({@link PlanningInput#pool}), with host h disabled:
     * the collected pool with the host's enabled flag off (PoolSnapshot.withHostEnabled), then the moves planned
     * before.
     */
    static PredictedPool withHostDisabled(PlanningInput input, int h) {
        String hostUuid = input.pool().host(h).uuid();
        PredictedPool pool = PredictedPool.of(input.snapshot().withHostEnabled(hostUuid, false));
        List<PlannedMove> before = input.plannedBefore();
        if (before.isEmpty()) {
            return pool;
        }
        Map<String, VmState> vms = input.snapshot().vms().stream()
                .collect(Collectors.toMap(VmState::uuid, Function.identity(), (a, b) -> a));
        for (PlannedMove move : before) {
            pool = pool.withMove(vms.get(move.vmUuid()), pool.indexOf(move.sourceUuid()),
                    pool.indexOf(move.destinationUuid()));
        }
        return pool;
    }

    /**
     * Why powering host h off would break XAPI's HA plan: empty when HA is off, tolerates no failure, the plan does
     * not hold {@code now}, or it still holds {@code after} (the host emptied and disabled).
     */
    static Optional<String> brokenBy(PredictedPool now, PredictedPool after, int h) {
        PoolHa ha = now.constraints().ha();
        if (!ha.enabled() || ha.hostFailuresToTolerate() <= 0) {
            return Optional.empty();
        }
        int k = (int) Math.min(Integer.MAX_VALUE, ha.hostFailuresToTolerate());
        if (HaCapacity.brokenIn(now, k).isPresent()) {
            return Optional.empty();
        }
        return HaCapacity.brokenIn(after, k).map(hosts -> {
            // The host powered off runs nothing then: name the hosts whose VMs would find no room.
            int[] named = Arrays.stream(hosts).filter(f -> f != h).toArray();
            int[] failed = named.length == 0 ? hosts : named;
            return "with it disabled and powered off, XAPI's HA could not restart the protected VMs of "
                    + Arrays.stream(failed).mapToObj(f -> after.host(f).name()).collect(Collectors.joining(" and "))
                    + " if " + (failed.length == 1 ? "it" : "they") + " failed (ha_host_failures_to_tolerate " + k
                    + "), so XAPI would refuse host.disable (HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN)";
        });
    }
}
