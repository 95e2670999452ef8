package org.xcpbalancer.manager.console;

import java.util.ArrayList;
import java.util.List;
import org.xcpbalancer.core.cli.InputEcho;

/**
 * Splits a console line into words. 'single' and "double" quotes group words (VM names have spaces), a
 * backslash escapes the next character outside single quotes (tab completion inserts names as VM1\ -\ Debian).
 * Positions are kept so a command can take "the rest of the line" as one unquoted name.
 */
public final class LineTokenizer {
    private LineTokenizer() {
    }

    public static List<Token> tokenize(String line) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = line.length();
        while (i < length) {
            while (i < length && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= length) {
                break;
            }
            int start = i;
            boolean quoted = false;
            StringBuilder text = new StringBuilder();
            while (i < length && !Character.isWhitespace(line.charAt(i))) {
                char c = line.charAt(i);
                if (c == '\'' || c == '"') {
                    int close = line.indexOf(c, i + 1);
                    if (close < 0) {
                        throw new ConsoleInputException("unterminated quote " + c + " in: "
                                + InputEcho.shown(line.substring(start).strip()));
                    }
                    text.append(line, i + 1, close);
                    quoted = true;
                    i = close + 1;
                } else if (c == '\\' && i + 1 < length) {
                    text.append(line.charAt(i + 1));
                    i += 2;
                } else {
                    text.append(c);
                    i++;
                }
            }
            tokens.add(new Token(text.toString(), start, i, quoted));
        }
        return tokens;
    }
}
