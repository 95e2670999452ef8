package org.xcpbalancer.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.xcpbalancer.control.plan.Eligibility;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.control.strategy.StrategyRegistry;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.settings.SettingsLoader;

/**
 * Settings for tests, read the way xcp-control reads them: the given lines ("control.holdSamples=2") in a
 * settings file, everything else at its SettingKeys default. So tests never copy a default.
 */
public final class TestSettings {
    private TestSettings() {
    }

    public static Settings of(String... lines) {
        try {
            Path file = Files.createTempFile("xcp-control-test", ".properties");
            file.toFile().deleteOnExit();
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return new SettingsLoader(Map.of()).read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SafetyPolicy policy(String... lines) {
        return SafetyPolicy.from(of(lines));
    }

    /** The strategies control.strategies enables (rule-deviation by default), as ControlMain builds them. */
    public static StrategyChain chain(String... lines) {
        return StrategyRegistry.chain(of(lines));
    }

    /** The gate and the strategies over one snapshot, as a run does after loading it. */
    public static MigrationPlan plan(StrategyChain chain, PoolSnapshot snapshot) {
        return chain.plan(snapshot, Eligibility.of(snapshot, chain.policy()));
    }
}
