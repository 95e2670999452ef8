package org.xcpbalancer.control.strategy.ruledeviation;

import org.xcpbalancer.control.plan.SafetyPolicy;

/**
 * Validated arguments of the rule-deviation strategy.
 *
 * @param maxMigrationsPerRun   most moves one plan holds (control.maxMigrationsPerRun)
 * @param holdSamples           consecutive violating samples before a host is acted on (control.holdSamples)
 * @param minImprovement        a move must lower the pool's imbalance (the sum of squared deviations in units
 *                              of each rule's threshold) by at least this much, so the controller does not
 *                              migrate for a rounding error; 0.01 is 1 % of one host at one threshold
 */
public record RuleDeviationArgs(int maxMigrationsPerRun, int holdSamples, double minImprovement) {
    public static final int DEFAULT_MAX_MIGRATIONS_PER_RUN = 2;
    public static final int DEFAULT_HOLD_SAMPLES = 3;
    public static final double DEFAULT_MIN_IMPROVEMENT = 0.01;

    public RuleDeviationArgs {
        if (maxMigrationsPerRun < 0) {
            throw new IllegalArgumentException("maxMigrationsPerRun must not be negative: " + maxMigrationsPerRun);
        }
        if (holdSamples < 1) {
            throw new IllegalArgumentException("holdSamples must be at least 1: " + holdSamples);
        }
        if (!(minImprovement >= 0) || Double.isInfinite(minImprovement)) {
            throw new IllegalArgumentException("minImprovement must be a number >= 0: " + minImprovement);
        }
    }

    public static RuleDeviationArgs from(SafetyPolicy policy) {
        return new RuleDeviationArgs(policy.maxMigrationsPerRun(), policy.holdSamples(), DEFAULT_MIN_IMPROVEMENT);
    }
}
