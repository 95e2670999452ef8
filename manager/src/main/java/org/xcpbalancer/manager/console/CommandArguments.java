package org.xcpbalancer.manager.console;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.xcpbalancer.core.cli.InputEcho;

/** The words after a command's keywords, read left to right by the command. */
public final class CommandArguments {
    private static final int MAX_LIMIT = 10_000;

    private final String command;
    private final String line;
    private final List<Token> tokens;
    private int next;

    public CommandArguments(String command, String line, List<Token> tokens) {
        this.command = command;
        this.line = line;
        this.tokens = List.copyOf(tokens);
    }

    /** The command's keywords as the user should type them, e.g. "SHOW VM". */
    public String command() {
        return command;
    }

    public boolean hasMore() {
        return next < tokens.size();
    }

    public String peek() {
        return hasMore() ? tokens.get(next).text() : null;
    }

    /** True, and consumed, when the next word is the keyword (case-insensitive, never a quoted word). */
    public boolean acceptKeyword(String keyword) {
        if (hasMore() && !tokens.get(next).quoted() && tokens.get(next).text().equalsIgnoreCase(keyword)) {
            next++;
            return true;
        }
        return false;
    }

    public void expectKeyword(String keyword, String usage) {
        if (!acceptKeyword(keyword)) {
            throw new ConsoleInputException(hasMore()
                    ? "expected " + keyword + " but found '" + InputEcho.shown(peek()) + "': " + usage
                    : "expected " + keyword + " at the end: " + usage);
        }
    }

    /** The next word; what names what was expected, for the message when it is missing. */
    public String nextWord(String what, String usage) {
        if (!hasMore()) {
            throw new ConsoleInputException(command + " needs " + what + ": " + usage);
        }
        return tokens.get(next++).text();
    }

    /**
     * Everything left as one name, so VM1 - Debian works unquoted: a single (possibly quoted) word, or the
     * unquoted rest of the line with its inner spacing kept. Stops before a trailing keyword clause if one of
     * the stop words is found (e.g. LIMIT).
     */
    public String restAsName(String what, String usage, String... stopWords) {
        if (!hasMore()) {
            throw new ConsoleInputException(command + " needs " + what + ": " + usage);
        }
        int startIndex = next;
        int end = tokens.size();
        for (int i = next + 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (!token.quoted() && List.of(stopWords).stream().anyMatch(w -> w.equalsIgnoreCase(token.text()))) {
                end = i;
                break;
            }
        }
        Token first = tokens.get(next);
        if (end == next + 1) {
            next = end;
            return first.text();
        }
        if (first.quoted()) {
            throw new ConsoleInputException("unexpected '" + InputEcho.shown(tokens.get(next + 1).text())
                    + "' after the quoted name '" + InputEcho.shown(first.text()) + "': " + usage);
        }
        Token last = tokens.get(end - 1);
        next = end;
        List<Token> words = tokens.subList(startIndex, end);
        boolean plain = words.stream().noneMatch(Token::quoted)
                && words.stream().allMatch(t -> t.text().equals(line.substring(t.start(), t.end())));
        if (plain) {
            return line.substring(first.start(), last.end());
        }
        return String.join(" ", words.stream().map(Token::text).toList());
    }

    /** LIMIT n, if present: a whole number from 1 to 10000. */
    public OptionalInt limit(String usage) {
        if (!acceptKeyword("LIMIT")) {
            return OptionalInt.empty();
        }
        String text = nextWord("a number after LIMIT", usage);
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return OptionalInt.of(limit);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConsoleInputException("LIMIT takes a whole number from 1 to " + MAX_LIMIT + ", not '" + InputEcho.shown(text) + "'");
    }

    /** Fails on anything left over: "SHOW HOSTS foo" is a typo, never silently ignored. */
    public void expectEnd(String usage) {
        if (hasMore()) {
            String rest = line.substring(tokens.get(next).start()).strip();
            throw new ConsoleInputException("unexpected '" + InputEcho.shown(rest) + "' after " + command + ": " + usage);
        }
    }

    public static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }
}
