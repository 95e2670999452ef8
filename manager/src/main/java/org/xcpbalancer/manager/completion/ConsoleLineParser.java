package org.xcpbalancer.manager.completion;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;
import org.xcpbalancer.manager.console.CommandRegistry;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ValueSource;

/**
 * JLine's parser, except when completing an unquoted name that already holds spaces (SHOW VM VM1 - D&lt;Tab&gt;):
 * the console takes the rest of such a line as one name, so completion must too, or it would only see "D".
 */
public final class ConsoleLineParser implements Parser {
    private final DefaultParser delegate = new DefaultParser();
    private final CommandRegistry registry;

    public ConsoleLineParser(CommandRegistry registry) {
        this.registry = registry;
        delegate.setEofOnUnclosedQuote(false);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        ParsedLine parsed = delegate.parse(line, cursor, context);
        if (context != ParseContext.COMPLETE) {
            return parsed;
        }
        for (ConsoleCommand command : registry.commands()) {
            CommandSyntax syntax = command.syntax();
            int keywords = syntax.keywords().size();
            boolean takesName = syntax.argument() == ValueSource.HOST || syntax.argument() == ValueSource.VM
                    || syntax.argument() == ValueSource.POOL || syntax.argument() == ValueSource.GROUP
                    || syntax.argument() == ValueSource.TAG;
            if (takesName && parsed.wordIndex() > keywords && typedKeywords(parsed.words(), syntax.keywords())) {
                String name = nameBeforeCursor(line.substring(0, cursor), keywords);
                if (name != null) {
                    List<String> words = new ArrayList<>(parsed.words().subList(0, keywords));
                    words.add(name);
                    return new NameLine(line, cursor, words, keywords, name.length());
                }
            }
        }
        return parsed;
    }

    private static boolean typedKeywords(List<String> words, List<String> keywords) {
        for (int i = 0; i < keywords.size(); i++) {
            if (!words.get(i).equalsIgnoreCase(keywords.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The plain text after the keywords, when it has no quotes or escapes (those JLine's parser handles). */
    private static String nameBeforeCursor(String typed, int keywords) {
        String rest = typed.stripLeading();
        for (int i = 0; i < keywords; i++) {
            int space = indexOfWhitespace(rest);
            if (space < 0) {
                return null;
            }
            rest = rest.substring(space).stripLeading();
        }
        boolean plain = rest.chars().noneMatch(c -> c == '\'' || c == '"' || c == '\\');
        return plain && !rest.isEmpty() ? rest : null;
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A line whose last word is the whole name typed so far; JLine then inserts a chosen name as it is. */
    private record NameLine(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
            implements ParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }
    }
}
