package org.xcpbalancer.manager.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Lines from a stream. Prompts are printed only when asked to (tests that play an administrator). */
public final class StreamLineSource implements LineSource {
    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean showPrompts;

    public StreamLineSource(BufferedReader in, PrintWriter out, boolean showPrompts) {
        this.in = in;
        this.out = out;
        this.showPrompts = showPrompts;
    }

    @Override
    public String readLine(String prompt) {
        if (showPrompts) {
            out.print(prompt);
            out.flush();
        }
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console input", e);
        }
    }
}
