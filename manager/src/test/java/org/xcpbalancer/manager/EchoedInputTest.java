package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 16, item 5: what the console repeats of a bad line is cut to 80 characters with the line's length, and
 * control characters (ESC, BEL, CR) are shown escaped, so input can neither swamp the error line nor drive the
 * terminal.
 */
@ExtendWith(MariaDbExtension.class)
class EchoedInputTest {
    private final ConsoleDriver console;

    EchoedInputTest(TestDatabase db) {
        this.console = new ConsoleDriver(db.database());
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        PaperPoolFixture.insert(db.database());
    }

    @Test
    void aHundredKilobyteLineIsEchoedCutWithItsLength() {
        String huge = "X".repeat(100_000);
        var piped = console.piped(huge, "SHOW VM " + huge);
        assertThat(piped.errLines()).containsExactly(
                "xcp-manager: line 1: unknown command '" + "X".repeat(80) + "\u2026 (100000 characters)' (HELP lists the commands)",
                "xcp-manager: line 2: no VM named or with uuid '" + "X".repeat(80)
                        + "\u2026 (100000 characters)' in pool paper (SHOW VMS lists them)");
        assertThat(piped.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void controlCharactersAreShownEscapedNeverRaw() {
        // (a CR on standard input ends the line, as for any line reader; InputEchoTest shows it escaped)
        var piped = console.piped("FOO\u001b[2J\u0007", "SHOW VM 'a\u001bb'", "CREATE RULE HOST CpuAverage 1\u001b]0;owned\u0007");
        assertThat(piped.errLines()).containsExactly(
                "xcp-manager: line 1: unknown command 'FOO\\e[2J\\a' (HELP lists the commands)",
                "xcp-manager: line 2: no VM named or with uuid 'a\\eb' in pool paper (SHOW VMS lists them)",
                "xcp-manager: line 3: the threshold must be a number of % such as 25, not '1\\e]0;owned\\a'");
        assertThat(piped.err()).doesNotContain("\u001b", "\u0007", "\r");

        var typed = console.interactive("SHOW HOST \u001b[31mred");
        assertThat(typed.err()).doesNotContain("\u001b").contains("'\\e[31mred'");
    }
}
