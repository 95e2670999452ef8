package org.xcpbalancer.control.plan;

import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleSubject;

/** The predicted values after one candidate move, indexed by subject ordinal. */
public record MoveOutcome(double[] sourceAfter, double[] destinationAfter, double[] averageAfter, double imbalance) {
    public double sourceAfter(RuleSubject subject) {
        return sourceAfter[subject.ordinal()];
    }

    public double destinationAfter(RuleSubject subject) {
        return destinationAfter[subject.ordinal()];
    }

    public double averageAfter(RuleSubject subject) {
        return averageAfter[subject.ordinal()];
    }

    /** The part's value on the source after the move (a score: the weighted average of its subjects'). */
    public double sourceAfter(RulePart part) {
        return part.valueOf(this::sourceAfter);
    }

    public double destinationAfter(RulePart part) {
        return part.valueOf(this::destinationAfter);
    }

    public double averageAfter(RulePart part) {
        return part.valueOf(this::averageAfter);
    }
}
