package org.xcpbalancer.control.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The two ways progress is shown: in a log, a line at most every 10 s per migration with the memory copied, the
 * rate and the time left (issue 11: not 41 "Progress: 0.x" lines for one migration); on a terminal, a bar
 * redrawn on one line.
 */
class ProgressReporterTest {
    private static final String MOVE = "VM2: Host2 -> Host1";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock();

    @Test
    void aLogGetsOneLineEveryTenSecondsWithMegabytesRateAndTimeLeft() {
        ProgressReporter lines = ProgressReporter.lines(out, clock, Duration.ofSeconds(10));
        // as control.progressInterval=1s polls a 4096 MB migration that takes 41 s: 41 polls
        for (int second = 0; second <= 40; second++) {
            lines.progress(MOVE, second / 40.0, 4096);
            clock.advance(Duration.ofSeconds(1));
        }
        lines.message(MOVE + ": done in 41.0 s");
        assertThat(printed()).containsExactly(
                "VM2: Host2 -> Host1: 25%, 1024 of 4096 MB copied at 102 MB/s, about 30s left",
                "VM2: Host2 -> Host1: 50%, 2048 of 4096 MB copied at 102 MB/s, about 20s left",
                "VM2: Host2 -> Host1: 75%, 3072 of 4096 MB copied at 102 MB/s, about 10s left",
                "VM2: Host2 -> Host1: 100%, 4096 of 4096 MB copied at 102 MB/s, about 0s left",
                "VM2: Host2 -> Host1: done in 41.0 s");
    }

    @Test
    void aStuckOrAdoptedMigrationSaysWhatIsKnown() {
        ProgressReporter lines = ProgressReporter.lines(out, clock, Duration.ofSeconds(10));
        lines.progress(MOVE, 0.3, 0);
        clock.advance(Duration.ofSeconds(12));
        lines.progress(MOVE, 0.3, 0);
        clock.advance(Duration.ofSeconds(10));
        lines.progress(MOVE, 0.5, 0);
        assertThat(printed()).containsExactly("VM2: Host2 -> Host1: 30%, no progress for 12s",
                "VM2: Host2 -> Host1: 50%, about 55s left");
    }

    @Test
    void eachMigrationHasItsOwnPace() {
        ProgressReporter lines = ProgressReporter.lines(out, clock, Duration.ofSeconds(10));
        lines.progress("a", 0.0, 100);
        clock.advance(Duration.ofSeconds(5));
        lines.progress("b", 0.0, 100);
        clock.advance(Duration.ofSeconds(5));
        lines.progress("a", 0.5, 100);
        lines.progress("b", 0.1, 100);
        assertThat(printed()).containsExactly("a: 50%, 50 of 100 MB copied at 5 MB/s, about 10s left");
    }

    @Test
    void theBarIsRedrawnInPlaceAndClearedBeforeAMessage() {
        ProgressReporter bar = ProgressReporter.bar(out);
        bar.progress(MOVE, 0.4, 1024);
        bar.progress(MOVE, 1.0, 1024);
        bar.message("done");
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).startsWith("\r\033[K[############                  ]  40% VM2: Host2 -> Host1")
                .contains("\r\033[K[##############################] 100% VM2: Host2 -> Host1")
                .endsWith("\r\033[Kdone\n")
                .doesNotContain("\n[");
    }

    private java.util.List<String> printed() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
