package org.xcpbalancer.core.log;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One line of a program's output as written to a file or pipe: an ISO-8601 timestamp with the local offset
 * (so lines sort and are read the same by people and by log shippers), the pool when one is being handled, and
 * the message; or, for --log-format json, the same as one JSON object.
 */
public final class LogLine {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private LogLine() {
    }

    /** The line without its end of line. */
    public static String format(LogFormat format, OffsetDateTime time, String level, String program, String pool,
            String message) {
        if (format == LogFormat.JSON) {
            StringBuilder json = new StringBuilder(message.length() + 96).append("{\"time\":");
            quote(json, TIME.format(time)).append(",\"level\":");
            quote(json, level).append(",\"program\":");
            quote(json, program);
            if (pool != null) {
                quote(json.append(",\"pool\":"), pool);
            }
            return quote(json.append(",\"message\":"), message).append('}').toString();
        }
        String stamp = TIME.format(time);
        return pool == null ? stamp + " " + message : stamp + " [" + pool + "] " + message;
    }

    /** A JSON string; the few escapes RFC 8259 requires, so no JSON library is loaded at start. */
    static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
