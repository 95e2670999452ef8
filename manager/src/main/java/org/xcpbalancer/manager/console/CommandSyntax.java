package org.xcpbalancer.manager.console;

import java.util.List;

/**
 * How a command is typed: its keywords (matched case-insensitively), the usage line and summary HELP prints,
 * what its first argument completes with, and the clause words that may follow (ORDER BY, LIKE, ...).
 */
public record CommandSyntax(List<String> keywords, String usage, String summary, ValueSource argument,
        List<String> clauseWords) {

    public CommandSyntax {
        keywords = List.copyOf(keywords);
        clauseWords = List.copyOf(clauseWords);
    }

    public static CommandSyntax of(String keywords, String usage, String summary) {
        return new CommandSyntax(List.of(keywords.split(" ")), usage, summary, ValueSource.NONE, List.of());
    }

    public CommandSyntax completing(ValueSource source) {
        return new CommandSyntax(keywords, usage, summary, source, clauseWords);
    }

    public CommandSyntax withClauses(List<String> words) {
        return new CommandSyntax(keywords, usage, summary, argument, words);
    }

    public String name() {
        return String.join(" ", keywords);
    }
}
