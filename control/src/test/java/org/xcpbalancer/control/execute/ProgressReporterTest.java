package org.xcpbalancer.control.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two ways progress is shown: the original's "Progress: 0.4" lines, and a bar redrawn on one terminal line. */
class ProgressReporterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void linesAreTheOriginalToolsProgressLines() {
        ProgressReporter lines = ProgressReporter.lines(out);
        lines.progress("VM2: Host2 -> Host1", 0.4);
        lines.message("VM2: Host2 -> Host1: done in 3.0 s");
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("VM2: Host2 -> Host1: Progress: 0.4\nVM2: Host2 -> Host1: done in 3.0 s\n");
    }

    @Test
    void theBarIsRedrawnInPlaceAndClearedBeforeAMessage() {
        ProgressReporter bar = ProgressReporter.bar(out);
        bar.progress("VM2: Host2 -> Host1", 0.4);
        bar.progress("VM2: Host2 -> Host1", 1.0);
        bar.message("done");
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).startsWith("\r\033[K[############                  ]  40% VM2: Host2 -> Host1")
                .contains("\r\033[K[##############################] 100% VM2: Host2 -> Host1")
                .endsWith("\r\033[Kdone\n")
                .doesNotContain("\n[");
    }
}
