package org.xcpbalancer.control.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.TestSettings;

class SafetyPolicyTest {
    @Test
    void theBackoffDoublesWithEachFailureInARowUpTo24Hours() {
        SafetyPolicy policy = TestSettings.policy("control.failureBackoff=10m");
        assertThat(policy.backoffAfter(0)).isEqualTo(Duration.ZERO);
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMinutes(20));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMinutes(40));
        assertThat(policy.backoffAfter(50)).isEqualTo(SafetyPolicy.MAX_FAILURE_BACKOFF);
    }

    @Test
    void everyValueComesFromTheSettingsWithTheDefaultsOfSettingKeys() {
        SafetyPolicy defaults = TestSettings.policy();
        assertThat(defaults).isEqualTo(new SafetyPolicy(2, Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofMinutes(5), Duration.ofMinutes(10), List.of(), List.of()));
        assertThat(TestSettings.policy("control.maxMigrationsPerRun=7").maxMigrationsPerRun()).isEqualTo(7);
    }

    @Test
    void exclusionListsMatchNameOrUuidIgnoringCase() {
        SafetyPolicy policy = TestSettings.policy("control.excludeVms=Web, uuid-DB", "control.excludeHosts=host3");
        assertThat(policy.excludesVm("uuid-x", "WEB")).isTrue();
        assertThat(policy.excludesVm("uuid-db", "Database")).isTrue();
        assertThat(policy.excludesVm("uuid-y", "Webber")).isFalse();
        assertThat(policy.excludesHost("uuid-h", "Host3")).isTrue();
        assertThat(policy.excludesHost("uuid-h", "Host1")).isFalse();
    }

    @Test
    void aNegativeMoveBudgetIsRefused() {
        assertThatThrownBy(() -> new SafetyPolicy(-1, Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMigrationsPerRun");
    }
}
