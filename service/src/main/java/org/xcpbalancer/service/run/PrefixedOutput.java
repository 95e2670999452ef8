package org.xcpbalancer.service.run;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A PrintStream whose every line goes to the target prefixed with the pool's name ("[main] ..."), whole lines
 * only, so the lines of pools working at once never mix.
 */
final class PrefixedOutput extends OutputStream {
    private final PrintStream target;
    private final String prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private PrefixedOutput(PrintStream target, String prefix) {
        this.target = target;
        this.prefix = prefix;
    }

    static PrintStream of(PrintStream target, String pool) {
        return new PrintStream(new PrefixedOutput(target, "[" + pool + "] "), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            // "\r" progress redraws are for terminals; a service's output is a log.
            target.println(prefix + text.replace("\r", ""));
        } else {
            line.write(b);
        }
    }
}
