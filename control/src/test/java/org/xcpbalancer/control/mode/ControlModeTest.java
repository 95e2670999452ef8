package org.xcpbalancer.control.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

class ControlModeTest {

    @Test
    void controlModeIsPerformanceUnlessSetAndAcceptsEitherCase() {
        assertThat(ControlCalendar.from(TestSettings.of()).modeAt(java.time.Instant.EPOCH)).isEqualTo(ControlMode.PERFORMANCE);
        assertThat(ControlCalendar.from(TestSettings.of("control.mode=Density")).modeAt(java.time.Instant.EPOCH))
                .isEqualTo(ControlMode.DENSITY);
    }

    @Test
    void anUnknownModeIsOneLineNamingKeyValueAndTheWordsAccepted() {
        assertThatThrownBy(() -> TestSettings.of("control.mode=green")).isInstanceOfSatisfying(UserFacingException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(e.getMessage()).endsWith("control.mode: 'green' is not one of the accepted words; expected performance or density")
                    .doesNotContain("\n");
        });
    }
}
