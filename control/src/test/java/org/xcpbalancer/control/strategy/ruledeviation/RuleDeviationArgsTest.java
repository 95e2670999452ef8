package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.TestSettings;

/** Validation and defaults of the args, as the descheduler keeps validation_test.go and defaults_test.go. */
class RuleDeviationArgsTest {
    @Test
    void defaultsComeFromSettingKeys() {
        RuleDeviationArgs args = RuleDeviationArgs.from(TestSettings.of());
        assertThat(args.holdSamples()).isEqualTo(3);
        assertThat(args.minImprovement()).isEqualTo(RuleDeviationArgs.MIN_IMPROVEMENT);
    }

    @Test
    void holdSamplesIsReadOnceAndIsWhatTheStrategyAsksTheLoaderFor() {
        RuleDeviationArgs args = RuleDeviationArgs.from(TestSettings.of("control.holdSamples=5"));
        assertThat(args.holdSamples()).isEqualTo(5);
        assertThat(new RuleDeviationStrategy(args).samplesNeeded()).isEqualTo(5);
    }

    @Test
    void invalidArgsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new RuleDeviationArgs(0, 0.01)).hasMessageContaining("holdSamples");
        assertThatThrownBy(() -> new RuleDeviationArgs(3, -0.5)).hasMessageContaining("minImprovement");
        assertThatThrownBy(() -> new RuleDeviationArgs(3, Double.NaN)).hasMessageContaining("minImprovement");
        assertThatThrownBy(() -> new RuleDeviationArgs(3, Double.POSITIVE_INFINITY)).hasMessageContaining("minImprovement");
    }
}
