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

    /** Today's rules: same host, excluded host, disabled or dead host, memory. */
    public static Placement standard(SafetyPolicy policy) {
        return new Placement(List.of(new SameHostRule(), new ExcludedHostRule(policy), new HostAvailableRule(),
                new MemoryRule()));
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
}
