package org.xcpbalancer.control.strategy.constraintrepair;

import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;

/**
 * Validated arguments of the constraint-repair strategy. Repairs obey the same limits as balancing: the move
 * budget (control.maxMigrationsPerRun), the cooldowns and backoff of the gate, and the hold.
 *
 * @param holdSamples a VM is repaired only once the collector saw it on its current host in this many samples
 *                    in a row (control.holdSamples), so a VM an administrator just moved, or one still arriving,
 *                    is not sent straight back
 */
public record ConstraintRepairArgs(int holdSamples) {
    public ConstraintRepairArgs {
        if (holdSamples < 1) {
            throw new IllegalArgumentException("holdSamples must be at least 1: " + holdSamples);
        }
    }

    public static ConstraintRepairArgs from(Settings settings) {
        return new ConstraintRepairArgs(settings.get(SettingKeys.CONTROL_HOLD_SAMPLES));
    }
}
