package org.xcpbalancer.control.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.core.state.VmState;

/**
 * The one answer to "may VM v run on host h in this predicted pool, and if not, why". Every planner asks it:
 * the balancing strategies, and later the evacuation and restart planners. It is a list of small independent
 * {@link PlacementRule}s asked in order; the first refusal is the answer. Whether a VM may move at all (excluded,
 * cooling down, backing off) is not placement but the eligibility gate's verdict.
 */
public final class Placement {
    private final List<PlacementRule> rules;

    public Placement(List<PlacementRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The rules: same host, excluded host, disabled or dead host, memory, host labels (run-on), anti-affinity,
     * affinity, and last (the costliest) XAPI's HA plan.
     */
    public static Placement standard(SafetyPolicy policy) {
        return new Placement(List.of(new SameHostRule(), new ExcludedHostRule(policy), new HostAvailableRule(),
                new MemoryRule(), new RunOnRule(), new AntiAffinityRule(), new AffinityRule(), new HaPlanRule()));
    }

    /** This placement with one more rule, asked after the others. */
    public Placement with(PlacementRule rule) {
        List<PlacementRule> more = new ArrayList<>(rules);
        more.add(rule);
        return new Placement(more);
    }

    /** The first rule's refusal of the VM on host {@code destination} of the pool; empty when all allow it. */
    public Optional<PlacementRefusal> check(VmState vm, int destination, PredictedPool pool) {
        for (PlacementRule rule : rules) {
            Optional<PlacementRefusal> refusal = rule.refuse(vm, destination, pool);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the VMs may move to the destination together (an affinity group): each is asked against the pool
     * with all the others already there, so the destination must hold them all and no member is left behind.
     * Members already on the destination are not asked. The first refusal, or empty.
     */
    public Optional<PlacementRefusal> checkTogether(List<VmState> vms, int destination, PredictedPool pool) {
        for (VmState vm : vms) {
            Integer from = pool.hostOf(vm.uuid());
            if (from != null && from == destination) {
                continue;
            }
            PredictedPool others = pool;
            for (VmState other : vms) {
                Integer at = others.hostOf(other.uuid());
                if (other != vm && at != null && at != destination) {
                    others = others.withMove(other, at, destination);
                }
            }
            Optional<PlacementRefusal> refusal = check(vm, destination, others);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }
}
