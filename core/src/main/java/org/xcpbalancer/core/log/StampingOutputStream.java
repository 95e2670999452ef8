package org.xcpbalancer.core.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.function.Function;

/**
 * Turns what a program prints into log lines: each complete line is handed to a formatter (timestamp, pool,
 * JSON) and written with its end of line. A line is written when it ends, so two threads' lines never mix and a
 * line's timestamp is the time it was finished.
 */
final class StampingOutputStream extends OutputStream {
    private final OutputStream target;
    private final Function<String, String> formatter;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    /** @param formatter the printed line (UTF-8, without its end of line) to the line to write */
    StampingOutputStream(OutputStream target, Function<String, String> formatter) {
        this.target = target;
        this.formatter = formatter;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    /** A flush does not cut a line in two: the rest of it follows with its end of line. */
    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (line.size() > 0) {
            emit();
        }
        target.flush();
    }

    private void emit() throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        target.write((formatter.apply(text) + "\n").getBytes(StandardCharsets.UTF_8));
        target.flush();
    }

    /** The formatter of a program's stdout or stderr lines. */
    static Function<String, String> programLines(LogFormat format, String program, String level) {
        String prefix = program + ": ";
        return text -> {
            // In JSON the program is a field of its own; "xcp-collect: " in front of the message would repeat it.
            String message = format == LogFormat.JSON && text.startsWith(prefix) ? text.substring(prefix.length()) : text;
            String lineLevel = level != null ? level : text.toLowerCase(java.util.Locale.ROOT).contains("warning") ? "WARN" : "ERROR";
            return LogLine.format(format, OffsetDateTime.now(), lineLevel, program, LogContext.currentPool(), message);
        };
    }
}
