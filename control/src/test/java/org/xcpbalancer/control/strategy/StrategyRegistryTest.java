package org.xcpbalancer.control.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.control.plan.BalancingStrategy;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

class StrategyRegistryTest {
    @Test
    void byDefaultConstraintsAreRepairedBeforeBalancingAndDensityComesLast() {
        StrategyChain chain = StrategyRegistry.chain(TestSettings.of());
        assertThat(chain.strategies()).extracting(BalancingStrategy::name)
                .containsExactly("constraint-repair", "rule-deviation", "density");
        assertThat(chain.samplesNeeded()).as("control.holdSamples default").isEqualTo(3);
        assertThat(chain.policy().maxMigrationsPerRun()).isEqualTo(2);
    }

    @Test
    void theSettingNamesTheStrategiesInOrder() {
        StrategyChain chain = StrategyRegistry.chain(TestSettings.of("control.strategies= rule-deviation ",
                "control.holdSamples=4"));
        assertThat(chain.name()).isEqualTo("rule-deviation");
        assertThat(chain.samplesNeeded()).isEqualTo(4);
    }

    @Test
    void anUnknownNameIsOneLineWithTheKnownNamesAndExitCode2() {
        assertThatThrownBy(() -> StrategyRegistry.chain(TestSettings.of("control.strategies=rule-deviation,spread")))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .endsWith("control.strategies: unknown strategy 'spread'; known: constraint-repair, rule-deviation, density");
                });
        assertThatThrownBy(() -> StrategyRegistry.chain(TestSettings.of("control.strategies=rule-deviation,rule-deviation")))
                .hasMessageEndingWith("control.strategies: strategy 'rule-deviation' is listed twice");
        assertThatThrownBy(() -> StrategyRegistry.chain(TestSettings.of("control.strategies=,")))
                .hasMessageEndingWith("control.strategies: names no strategy; known: constraint-repair, rule-deviation, density");
    }
}
