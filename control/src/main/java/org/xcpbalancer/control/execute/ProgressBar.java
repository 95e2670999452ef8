package org.xcpbalancer.control.execute;

import java.io.PrintStream;
import java.util.Locale;

/** The progress of the running migration as a bar redrawn in place on one terminal line. */
final class ProgressBar implements ProgressReporter {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private boolean drawing;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

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
    public void progress(String migration, double progress, long memoryMb) {
        double done = Math.max(0, Math.min(1, progress));
        int filled = (int) Math.round(done * WIDTH);
        out.print("\r\033[K[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3.0f%%", done * 100) + " " + migration);
        out.flush();
        drawing = true;
    }
}
