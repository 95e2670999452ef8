package org.xcpbalancer.control.plan;

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
}
