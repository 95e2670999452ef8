package org.xcpbalancer.manager.console;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The console's commands, found by their keywords: the longest keyword sequence that starts the line wins. */
public final class CommandRegistry {
    private final List<ConsoleCommand> commands;

    public CommandRegistry(List<ConsoleCommand> commands) {
        this.commands = List.copyOf(commands);
    }

    public List<ConsoleCommand> commands() {
        return commands;
    }

    /** A command and the index of the first word after its keywords. */
    public record Match(ConsoleCommand command, int argumentsFrom) {
    }

    public Optional<Match> find(List<Token> tokens) {
        return commands.stream()
                .filter(c -> startsWith(tokens, c.syntax().keywords()))
                .max(Comparator.comparingInt(c -> c.syntax().keywords().size()))
                .map(c -> new Match(c, c.syntax().keywords().size()));
    }

    /** Commands whose keywords begin with the words typed (for "incomplete command" messages and HELP). */
    public List<ConsoleCommand> startingWith(List<String> words) {
        return commands.stream().filter(c -> {
            List<String> keywords = c.syntax().keywords();
            if (words.size() > keywords.size()) {
                return false;
            }
            for (int i = 0; i < words.size(); i++) {
                if (!keywords.get(i).equalsIgnoreCase(words.get(i))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    private static boolean startsWith(List<Token> tokens, List<String> keywords) {
        if (tokens.size() < keywords.size()) {
            return false;
        }
        for (int i = 0; i < keywords.size(); i++) {
            Token token = tokens.get(i);
            if (token.quoted() || !token.text().equalsIgnoreCase(keywords.get(i))) {
                return false;
            }
        }
        return true;
    }
}
