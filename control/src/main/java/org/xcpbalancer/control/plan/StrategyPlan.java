package org.xcpbalancer.control.plan;

import java.util.List;

/**
 * What one strategy planned: its moves in order, the host power actions (density), and every decision with its
 * reason (the moves' own MOVE decisions and the power actions' included).
 */
public record StrategyPlan(List<PlannedMove> moves, List<Decision> decisions, List<PlannedPowerAction> powerActions) {
    public StrategyPlan {
        moves = List.copyOf(moves);
        decisions = List.copyOf(decisions);
        powerActions = List.copyOf(powerActions);
    }

    /** Moves and decisions, no power action (every strategy but density). */
    public StrategyPlan(List<PlannedMove> moves, List<Decision> decisions) {
        this(moves, decisions, List.of());
    }

    public static StrategyPlan of(Decision decision) {
        return new StrategyPlan(List.of(), List.of(decision));
    }
}
