package org.xcpbalancer.control.plan;

import org.xcpbalancer.core.state.RulePart;

/**
 * Σv, Σv² and n of a rule part's values over the hosts where it is measured, from which a part's share of the
 * pool's imbalance is computed in constant time, before and after a candidate move.
 */
record PartSums(double sum, double sumOfSquares, int n) {

    /** Computed host by host: for a score, whose values are not kept per subject. */
    static PartSums over(PredictedPool pool, RulePart part) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int h = 0; h < pool.hostCount(); h++) {
            double v = pool.value(part, h);
            if (!Double.isNaN(v)) {
                sum += v;
                squares += v * v;
                n++;
            }
        }
        return new PartSums(sum, squares, n);
    }

    /**
     * The part's share of the imbalance after a move changed two hosts' values (unchanged sums when either was not
     * measured: it takes no part). Computed in place rather than as a moved PartSums: candidate scoring calls this
     * thousands of times per search and must not allocate.
     */
    double imbalanceAfterMove(double sourceBefore, double destinationBefore, double sourceAfter,
            double destinationAfter, double averageAfter, double threshold) {
        if (Double.isNaN(sourceBefore) || Double.isNaN(destinationBefore)) {
            return imbalance(sum, sumOfSquares, n, averageAfter, threshold);
        }
        return imbalance(sum - sourceBefore - destinationBefore + sourceAfter + destinationAfter,
                sumOfSquares - sourceBefore * sourceBefore - destinationBefore * destinationBefore
                        + sourceAfter * sourceAfter + destinationAfter * destinationAfter, n, averageAfter, threshold);
    }

    double imbalance(double average, double threshold) {
        return imbalance(sum, sumOfSquares, n, average, threshold);
    }

    /**
     * The part's share of the imbalance, the formula written once: Σ(v − a)² / threshold², with Σ(v − a)² =
     * Σv² − 2aΣv + na² (a is the part's pool average: a subject's mean, a score's weighted average of means).
     */
    private static double imbalance(double sum, double sumOfSquares, int n, double average, double threshold) {
        return n == 0 ? 0 : (sumOfSquares - 2 * average * sum + n * average * average) / (threshold * threshold);
    }
}
