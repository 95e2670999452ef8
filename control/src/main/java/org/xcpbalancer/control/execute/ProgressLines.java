package org.xcpbalancer.control.execute;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.xcpbalancer.core.settings.DurationFormat;

/**
 * Progress for a log: per migration, one line at most every {@link #EVERY}, such as
 * "VM2: Host2 -> Host1: 40%, 410 of 1024 MB copied at 41 MB/s, about 15s left". The rate is the average since
 * the migration was first seen, which smooths XAPI's coarse progress steps. Messages are never held back.
 */
final class ProgressLines implements ProgressReporter {
    /** At most one progress line per migration this often. */
    static final Duration EVERY = Duration.ofSeconds(10);

    private final PrintStream out;
    private final Clock clock;
    private final Duration every;
    private final Map<String, Followed> followed = new HashMap<>();

    ProgressLines(PrintStream out, Clock clock, Duration every) {
        this.out = out;
        this.clock = clock;
        this.every = every;
    }

    /** When a migration was first seen, at what progress, and when its last line was written. */
    private record Followed(Instant since, double progressThen, Instant lastLine) {
    }

    @Override
    public void message(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void progress(String migration, double progress, long memoryMb) {
        Instant now = clock.instant();
        Followed seen = followed.get(migration);
        if (seen == null) {
            // The launch message was just written; the first progress line follows one period later.
            followed.put(migration, new Followed(now, progress, now));
            return;
        }
        if (Duration.between(seen.lastLine(), now).compareTo(every) < 0) {
            return;
        }
        followed.put(migration, new Followed(seen.since(), seen.progressThen(), now));
        out.println(migration + ": " + describe(progress, memoryMb, seen, now));
        out.flush();
    }

    private static String describe(double progress, long memoryMb, Followed seen, Instant now) {
        double done = Math.max(0, Math.min(1, progress));
        double seconds = Duration.between(seen.since(), now).toMillis() / 1000.0;
        double perSecond = seconds > 0 ? (done - seen.progressThen()) / seconds : 0;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.0f%%", done * 100));
        if (memoryMb > 0) {
            line.append(String.format(Locale.ROOT, ", %d of %d MB copied", Math.round(done * memoryMb), memoryMb));
            if (perSecond > 0) {
                line.append(String.format(Locale.ROOT, " at %.0f MB/s", perSecond * memoryMb));
            }
        }
        if (perSecond > 0) {
            long secondsLeft = Math.round((1 - done) / perSecond);
            line.append(", about ").append(DurationFormat.format(Duration.ofSeconds(secondsLeft))).append(" left");
        } else {
            line.append(", no progress for ").append(DurationFormat.format(Duration.ofSeconds(Math.round(seconds))));
        }
        return line.toString();
    }
}
