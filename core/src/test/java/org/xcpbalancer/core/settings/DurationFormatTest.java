package org.xcpbalancer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationFormatTest {
    @Test
    void parsesTheFormsAdministratorsWrite() {
        assertThat(DurationFormat.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationFormat.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationFormat.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DurationFormat.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationFormat.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationFormat.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesNegativeUnitlessAndGarbage() {
        assertThatThrownBy(() -> DurationFormat.parse("-1s")).hasMessageStartingWith("is negative");
        assertThatThrownBy(() -> DurationFormat.parse("10")).hasMessageStartingWith("has no unit");
        assertThatThrownBy(() -> DurationFormat.parse("ten minutes")).hasMessageStartingWith("is not a duration");
        assertThatThrownBy(() -> DurationFormat.parse("5m garbage")).hasMessageStartingWith("is not a duration");
    }

    @Test
    void formatsBackToTheShortForm() {
        assertThat(DurationFormat.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(DurationFormat.format(Duration.ofDays(365))).isEqualTo("365d");
        assertThat(DurationFormat.format(Duration.ZERO)).isEqualTo("0s");
    }
}
