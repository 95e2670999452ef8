package org.xcpbalancer.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalOptionTest {
    @Test
    void withoutTheOptionTheProgramRunsOnce() {
        assertThat(IntervalOption.parse(null, "10s, 30s, 1m")).isNull();
    }

    @Test
    void aDurationWithItsUnitIsTheInterval() {
        assertThat(IntervalOption.parse("10s", "10s, 30s, 1m")).isEqualTo(Duration.ofSeconds(10));
        assertThat(IntervalOption.parse("1m30s", "10s, 30s, 1m")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void anIntervalUnderOneSecondIsRefusedInOneLineWithExit2() {
        assertThatThrownBy(() -> IntervalOption.parse("500ms", "10s, 30s, 1m"))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.getMessage()).isEqualTo(
                            "--interval 500ms: is shorter than 1s (expected a duration such as 10s, 30s, 1m)");
                });
    }

    @Test
    void aNumberWithoutUnitIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> IntervalOption.parse("30", "30s, 1m, 5m"))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("--interval 30: has no unit").endsWith("(expected a duration such as 30s, 1m, 5m)")
                            .doesNotContain("\n");
                });
    }
}
