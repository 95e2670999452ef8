package org.xcpbalancer.control.execute;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import org.xcpbalancer.core.log.ProgramOutput;

/**
 * Where the executor reports what it does. {@link #lines} writes at most one line per migration every
 * {@link ProgressLines#EVERY} with the memory copied, the rate and the time left (for logs and cron mail: a
 * migration is a handful of lines, not one per poll); {@link #bar} redraws one line with a bar when the output
 * is a terminal.
 */
public interface ProgressReporter {
    /** A one-line message (launch, end, error). */
    void message(String line);

    /**
     * The progress of one running migration.
     *
     * @param progress XAPI's task progress, 0..1
     * @param memoryMb the VM's memory, which a live migration copies (0 when not known, e.g. adopted from an
     *                 earlier run): progress times it is the memory copied so far
     */
    void progress(String migration, double progress, long memoryMb);

    /** Throttled progress lines, for files and pipes. */
    static ProgressReporter lines(PrintStream out) {
        return new ProgressLines(out, Clock.systemUTC(), ProgressLines.EVERY);
    }

    /** As {@link #lines(PrintStream)} with the given clock and spacing (tests). */
    static ProgressReporter lines(PrintStream out, Clock clock, Duration every) {
        return new ProgressLines(out, clock, every);
    }

    static ProgressReporter bar(PrintStream out) {
        return new ProgressBar(out);
    }

    /** The bar on a terminal, lines otherwise. */
    static ProgressReporter forStdout() {
        return ProgramOutput.stdoutIsTerminal() ? bar(System.out) : lines(System.out);
    }
}
