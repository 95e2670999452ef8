package org.xcpbalancer.manager.completion;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.xcpbalancer.manager.console.CommandRegistry;
import org.xcpbalancer.manager.console.ConsoleCommand;

/** Completes command keywords: the next word of every command that begins with the words already typed. */
public final class CommandCompleter implements Completer {
    private final CommandRegistry registry;
    private final int skipWords;

    /** skipWords: leading words that are not part of the command (1 after HELP). */
    public CommandCompleter(CommandRegistry registry, int skipWords) {
        this.registry = registry;
        this.skipWords = skipWords;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> typed = line.words().subList(skipWords, line.wordIndex());
        Set<String> next = new LinkedHashSet<>();
        for (ConsoleCommand command : registry.startingWith(typed)) {
            List<String> keywords = command.syntax().keywords();
            if (keywords.size() > typed.size()) {
                next.add(keywords.get(typed.size()));
            }
        }
        next.forEach(word -> candidates.add(new Candidate(word, word, null, null, null, null, true)));
    }
}
