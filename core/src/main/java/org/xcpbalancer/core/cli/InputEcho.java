package org.xcpbalancer.core.cli;

/**
 * What a program may repeat of its input in a one-line message. Input is the user's, or a file's, or a pool's
 * (VM names): a 100 kB line would swamp the terminal and a log line, and a raw ESC, BEL or CR would let the input
 * drive the terminal (escape injection) or overwrite the error line. So echoed text is cut to
 * {@value #MAX_SHOWN} characters with its length said, and control characters are shown escaped (\e, \a, \r,
 * \n, \t, or \x.. / \\u....).
 */
public final class InputEcho {
    /** How many characters of echoed input are shown. */
    public static final int MAX_SHOWN = 80;

    private InputEcho() {
    }

    /** The text as it may be echoed: control characters escaped, cut after 80 characters. */
    public static String shown(String text) {
        if (text == null) {
            return "";
        }
        int length = text.codePointCount(0, text.length());
        if (length <= MAX_SHOWN) {
            return escaped(text);
        }
        String head = text.substring(0, text.offsetByCodePoints(0, MAX_SHOWN));
        return escaped(head) + "\u2026 (" + length + " characters)";
    }

    /** The text with every control character escaped; nothing cut (for whole messages about to be printed). */
    public static String escaped(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(escape != null ? escape : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case 0x1b: return "\\e";
            case 0x07: return "\\a";
            case '\r': return "\\r";
            case '\n': return "\\n";
            case '\t': return "\\t";
            case '\b': return "\\b";
            default:
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                    return String.format("\\x%02x", (int) c);
                }
                if (c == '\u2028' || c == '\u2029' || c == '\u202e' || c == '\u200e' || c == '\u200f') {
                    // line separators and bidirectional overrides reorder or break what the terminal shows
                    return String.format("\\u%04x", (int) c);
                }
                return null;
        }
    }
}
