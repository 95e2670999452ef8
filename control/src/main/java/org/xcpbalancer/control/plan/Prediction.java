package org.xcpbalancer.control.plan;

/**
 * The predicted effect of one move on the rule that caused it, in the rule's unit: the source's and the
 * destination's value before and after, and the pool average after.
 */
public record Prediction(double sourceBefore, double sourceAfter, double destinationBefore, double destinationAfter,
        double averageBefore, double averageAfter) {
}
