package org.xcpbalancer.control.strategy.constraintrepair;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.xcpbalancer.control.placement.MemoryRule;
import org.xcpbalancer.control.placement.PlacementRefusal;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.MoveScorer;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmState;

/**
 * Where a repair may send a VM in one predicted pool: the hosts the gate lets take a VM and the placement
 * allows, best first: a host the VM prefers, then one that stays within the balancing rules after the move,
 * then the least CPU, then the most free memory. Remembers why the others were turned down.
 */
final class Destinations {
    private final PlanningInput input;
    private final PredictedPool pool;
    private final List<String> refusals = new ArrayList<>();
    /** The sort below asks breaksBalancingRule per comparison: scored without allocating (MoveScorer). */
    private final MoveScorer scorer;

    Destinations(PlanningInput input, PredictedPool pool) {
        this.input = input;
        this.pool = pool;
        this.scorer = new MoveScorer(input.snapshot().rules());
    }

    /** The best host for the VM among those {@code wanted} accepts; empty when none may take it. */
    Optional<Integer> best(VmState vm, IntPredicate wanted) {
        Integer source = pool.hostOf(vm.uuid());
        List<Integer> hosts = new ArrayList<>();
        for (int h = 0; h < pool.hostCount(); h++) {
            if (source != null && h == source || !wanted.test(h)) {
                continue;
            }
            HostState host = pool.host(h);
            Optional<String> gate = input.gate().hostRefusal(host.uuid());
            if (gate.isPresent()) {
                refusals.add(host.name() + " " + gate.get());
                continue;
            }
            hosts.add(h);
        }
        // Best first, so the placement (its HA check is the costliest) is asked only until one host passes.
        hosts.sort(Comparator.comparing((Integer h) -> !pool.constraints().prefers(vm.uuid(), pool.host(h).uuid()))
                .thenComparing(h -> breaksBalancingRule(vm, source, h))
                .thenComparingDouble(h -> cpu(h))
                .thenComparingLong(h -> -MemoryRule.availableMb(pool, h)));
        for (int h : hosts) {
            Optional<PlacementRefusal> refusal = input.placement().check(vm, h, pool);
            if (refusal.isEmpty()) {
                return Optional.of(h);
            }
            refusals.add(refusal.get().detail());
        }
        return Optional.empty();
    }

    /** Whether the destination would then be more than a balancing rule's threshold above the pool average. */
    boolean breaksBalancingRule(VmState vm, Integer source, int destination) {
        if (source == null) {
            return false;
        }
        scorer.score(pool, vm, source, destination);
        for (int r = 0; r < scorer.table().ruleCount(); r++) {
            if (scorer.destinationViolates(r)) {
                return true;
            }
        }
        return false;
    }

    private double cpu(int h) {
        double value = pool.value(RuleSubject.CpuAverage, h);
        return Double.isNaN(value) ? Double.MAX_VALUE : value;
    }

    /** Why hosts were turned down, at most five, for the "cannot be met" text. */
    String whyNone() {
        List<String> distinct = refusals.stream().distinct().toList();
        return distinct.isEmpty() ? "no other host" : String.join("; ", distinct.stream().limit(5).toList())
                + (distinct.size() > 5 ? "; ..." : "");
    }
}
