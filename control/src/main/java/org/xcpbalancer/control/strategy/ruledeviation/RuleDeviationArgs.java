package org.xcpbalancer.control.strategy.ruledeviation;

import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/**
 * Validated arguments of the rule-deviation strategy, read once from the settings (defaults in SettingKeys).
 * The move budget is not here: control.maxMigrationsPerRun caps all strategies together.
 *
 * @param holdSamples    consecutive violating samples before a host is acted on (control.holdSamples); also how
 *                       many samples per host the snapshot must hold
 * @param minImprovement a move must lower the pool's imbalance (the sum of squared deviations in units of each
 *                       rule's threshold) by at least this much, so the controller does not migrate for a
 *                       rounding error; {@link #MIN_IMPROVEMENT} is 1 % of one host at one threshold
 */
public record RuleDeviationArgs(int holdSamples, double minImprovement) {
    /** Not a setting: the smallest imbalance reduction worth a live migration. */
    public static final double MIN_IMPROVEMENT = 0.01;

    public RuleDeviationArgs {
        if (holdSamples < 1) {
            throw new IllegalArgumentException("holdSamples must be at least 1: " + holdSamples);
        }
        if (!(minImprovement >= 0) || Double.isInfinite(minImprovement)) {
            throw new IllegalArgumentException("minImprovement must be a number >= 0: " + minImprovement);
        }
    }

    public static RuleDeviationArgs from(Settings settings) {
        return new RuleDeviationArgs(settings.get(SettingKeys.CONTROL_HOLD_SAMPLES), MIN_IMPROVEMENT);
    }
}
