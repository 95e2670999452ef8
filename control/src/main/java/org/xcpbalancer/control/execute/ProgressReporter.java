package org.xcpbalancer.control.execute;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where the executor reports what it does. {@link #lines} prints "Progress: 0.4" lines as the original tool did
 * (for logs and cron mail); {@link #bar} redraws one line with a bar when the output is a terminal.
 */
public interface ProgressReporter {
    /** A one-line message (launch, end, error). */
    void message(String line);

    /** The progress (0..1) of one running migration. */
    void progress(String migration, double progress);

    static ProgressReporter lines(PrintStream out) {
        return new ProgressReporter() {
            @Override
            public void message(String line) {
                out.println(line);
                out.flush();
            }

            @Override
            public void progress(String migration, double progress) {
                out.println(migration + ": Progress: " + String.format(Locale.ROOT, "%.1f", progress));
                out.flush();
            }
        };
    }

    static ProgressReporter bar(PrintStream out) {
        return new ProgressReporter() {
            private boolean drawing;

            @Override
            public void message(String line) {
                if (drawing) {
                    out.print("\r\033[K");
                    drawing = false;
                }
                out.println(line);
                out.flush();
            }

            @Override
            public void progress(String migration, double progress) {
                int width = 30;
                int done = (int) Math.round(Math.max(0, Math.min(1, progress)) * width);
                out.print("\r\033[K[" + "#".repeat(done) + " ".repeat(width - done) + "] "
                        + String.format(Locale.ROOT, "%3.0f%%", progress * 100) + " " + migration);
                out.flush();
                drawing = true;
            }
        };
    }

    /** The bar on a terminal, lines otherwise. */
    static ProgressReporter forStdout() {
        return System.console() != null ? bar(System.out) : lines(System.out);
    }
}
