package org.xcpbalancer.control.plan;

/**
 * A way of deciding which VMs to move where. A strategy lives in its own package under
 * {@code org.xcpbalancer.control.strategy}, with its validated args, and is listed in {@code StrategyRegistry}.
 * It is a pure function of its {@link PlanningInput}: the snapshot, the gate's verdicts, the placement check,
 * the pool as predicted after the strategies before it, and the moves it may still plan. It reads nothing else
 * and changes nothing; the framework records its decisions and the executor launches its moves.
 */
public interface BalancingStrategy {
    /** The name used in control.strategies and printed in plans, e.g. "rule-deviation". */
    String name();

    /** How many of each host's newest raw samples the snapshot must hold for this strategy (at least 1). */
    int samplesNeeded();

    /** The moves and decisions of this strategy; at most {@code input.moveBudget()} moves. */
    StrategyPlan plan(PlanningInput input);
}
