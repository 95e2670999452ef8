package org.xcpbalancer.control.strategy.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.core.energy.HostWatts;

class DensityArgsTest {
    @Test
    void defaultsComeFromTheSettingKeys() {
        DensityArgs args = DensityArgs.from(TestSettings.of());

        assertThat(args.cpuTargetPercent()).isEqualTo(70);
        assertThat(args.memoryTargetPercent()).isEqualTo(85);
        assertThat(args.spareHosts()).isEqualTo(1);
        assertThat(args.maxPowerActionsPerRun()).isEqualTo(1);
        assertThat(args.powerOnAnyHost()).isFalse();
        assertThat(args.powerOnCooldown()).isEqualTo(Duration.ofHours(1));
        assertThat(args.powerOffRetryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(args.bootTimeout()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void outOfRangeValuesAreRefused() {
        HostWatts watts = HostWatts.defaults();
        assertThatThrownBy(() -> new DensityArgs(0, 85, 1, 1, false, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1), watts))
                .hasMessageContaining("cpuTargetPercent");
        assertThatThrownBy(() -> new DensityArgs(70, 101, 1, 1, false, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1), watts))
                .hasMessageContaining("memoryTargetPercent");
        assertThatThrownBy(() -> new DensityArgs(70, 85, -1, 1, false, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1), watts))
                .hasMessageContaining("spareHosts");
        assertThatThrownBy(() -> new DensityArgs(70, 85, 1, 1, false, Duration.ZERO, Duration.ZERO, Duration.ZERO, watts))
                .hasMessageContaining("bootTimeout");
        assertThatThrownBy(() -> new DensityArgs(70, 85, 1, 1, false, Duration.ZERO, Duration.ofMinutes(-1),
                Duration.ofMinutes(1), watts)).hasMessageContaining("powerOffRetryAfter");
    }
}
