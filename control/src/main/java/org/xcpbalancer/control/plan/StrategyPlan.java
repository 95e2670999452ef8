package org.xcpbalancer.control.plan;

import java.util.List;

/**
 * What one strategy planned: its moves in order, and every decision with its reason (the moves' own MOVE
 * decisions included).
 */
public record StrategyPlan(List<PlannedMove> moves, List<Decision> decisions) {
    public StrategyPlan {
        moves = List.copyOf(moves);
        decisions = List.copyOf(decisions);
    }

    public static StrategyPlan of(Decision decision) {
        return new StrategyPlan(List.of(), List.of(decision));
    }
}
