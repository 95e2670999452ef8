package org.xcpbalancer.manager.console;

import java.util.List;
import java.util.Optional;

/**
 * The questions CREATE RULE HOST and DELETE RULE HOST ask. One interface for the terminal and for streams, so
 * answers are read and validated the same way wherever they come from.
 */
public interface Prompter {
    /** False for -e and piped input: commands must then carry their arguments on the line. */
    boolean interactive();

    /** Asks the question; empty when the input ended, the answer was empty or the user pressed Ctrl-C. */
    default Optional<String> ask(String question) {
        return ask(question, List.of());
    }

    /** Asks the question, Tab offering the choices (none: Tab offers nothing). */
    Optional<String> ask(String question, List<String> choices);

    /** Prints a line of the conversation (the rule echoed before "Confirm ? [Y/N]"). */
    void say(String line);

    /** Yes when the answer is Y or YES (any case); anything else, or no answer, is no. */
    default boolean confirm(String question) {
        return ask(question, List.of("Y", "N")).map(a -> a.strip().equalsIgnoreCase("Y") || a.strip().equalsIgnoreCase("YES"))
                .orElse(false);
    }

    /** For -e and piped input: no questions. */
    static Prompter none() {
        return new Prompter() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public Optional<String> ask(String question, List<String> choices) {
                throw new IllegalStateException("no questions without a terminal");
            }

            @Override
            public void say(String line) {
                throw new IllegalStateException("no conversation without a terminal");
            }
        };
    }
}
