package org.xcpbalancer.control.plan;

import java.util.List;

/**
 * What one planning pass decided: the moves, in order, the host power actions to take after them, and every
 * decision with its reason (the moves' own decisions included). blocked means nothing at all may be decided
 * (e.g. the data is too old).
 */
public record MigrationPlan(String strategy, List<PlannedMove> moves, List<Decision> decisions, boolean blocked,
        List<PlannedPowerAction> powerActions) {

    public MigrationPlan {
        moves = List.copyOf(moves);
        decisions = List.copyOf(decisions);
        powerActions = List.copyOf(powerActions);
    }

    /** A plan without power actions. */
    public MigrationPlan(String strategy, List<PlannedMove> moves, List<Decision> decisions, boolean blocked) {
        this(strategy, moves, decisions, blocked, List.of());
    }

    public static MigrationPlan blocked(String strategy, List<Decision> decisions) {
        return new MigrationPlan(strategy, List.of(), decisions, true);
    }

    /** The pool's balancing is paused by an administrator: that one decision, nothing planned, nothing blocked. */
    public static MigrationPlan paused(String strategy, Decision pausedDecision) {
        return new MigrationPlan(strategy, List.of(), List.of(pausedDecision), false);
    }

    /** A freeze window is open (control.freezeWindows): that one FROZEN decision, nothing planned. */
    public static MigrationPlan frozen(String strategy, Decision frozenDecision) {
        return new MigrationPlan(strategy, List.of(), List.of(frozenDecision), false);
    }

    /** No balancing in this run (it only carried out maintenance), with the decisions saying why, if any. */
    public static MigrationPlan nothing(String strategy, Decision... decisions) {
        return new MigrationPlan(strategy, List.of(), List.of(decisions), false);
    }

    public boolean frozen() {
        return decisions.stream().anyMatch(d -> d.action() == DecisionAction.FROZEN);
    }

    public boolean paused() {
        return decisions.stream().anyMatch(d -> d.action() == DecisionAction.PAUSED);
    }

    /** Whether some rule is violated now (held or not); false when balanced or blocked. */
    public boolean violationSeen() {
        return decisions.stream().anyMatch(d -> d.action() == DecisionAction.WAIT || d.action() == DecisionAction.NO_MOVE
                || d.action() == DecisionAction.MOVE);
    }
}
