package org.xcpbalancer.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputEchoTest {
    @Test
    void controlCharactersAreEscapedAndOrdinaryTextIsKept() {
        assertThat(InputEcho.shown("a\u001b[31mb\u0007c\rd\ne\tf\u0000g\u009bh")).isEqualTo("a\\e[31mb\\ac\\rd\\ne\\tf\\x00g\\x9bh");
        assertThat(InputEcho.shown("VM \"ü\" \\ 😀")).isEqualTo("VM \"ü\" \\ 😀");
        assertThat(InputEcho.escaped("x\u202ey")).isEqualTo("x\\u202ey");
    }

    @Test
    void longTextIsCutAfterEightyCharactersWithItsLength() {
        assertThat(InputEcho.shown("y".repeat(80))).isEqualTo("y".repeat(80));
        assertThat(InputEcho.shown("y".repeat(81))).isEqualTo("y".repeat(80) + "\u2026 (81 characters)");
        // characters, not UTF-16 units: an emoji is never cut in half
        assertThat(InputEcho.shown("😀".repeat(100))).isEqualTo("😀".repeat(80) + "\u2026 (100 characters)");
    }
}
