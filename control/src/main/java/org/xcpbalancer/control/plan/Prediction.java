package org.xcpbalancer.control.plan;

import org.xcpbalancer.core.state.RulePart;

/**
 * The predicted effect of one move on the rule that caused it, in the unit of the rule's part: the source's and
 * the destination's value before and after, and the pool average after. part is the part of an AND or SCORE rule
 * the values are of (a score's values are the weighted averages); null for a single-subject rule's own subject.
 */
public record Prediction(double sourceBefore, double sourceAfter, double destinationBefore, double destinationAfter,
        double averageBefore, double averageAfter, RulePart part) {

    public Prediction(double sourceBefore, double sourceAfter, double destinationBefore, double destinationAfter,
            double averageBefore, double averageAfter) {
        this(sourceBefore, sourceAfter, destinationBefore, destinationAfter, averageBefore, averageAfter, null);
    }
}
