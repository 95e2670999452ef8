package org.xcpbalancer.control.strategy.constraintrepair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.TestSettings;

class ConstraintRepairArgsTest {
    @Test
    void theHoldIsControlHoldSamples() {
        assertThat(ConstraintRepairArgs.from(TestSettings.of("control.holdSamples=5")).holdSamples()).isEqualTo(5);
        assertThatThrownBy(() -> new ConstraintRepairArgs(0)).hasMessageContaining("at least 1");
    }
}
