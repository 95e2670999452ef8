package org.xcpbalancer.manager.console;

/** Where console lines and answers come from: a JLine terminal, or a stream (piped input, tests). */
public interface LineSource {
    /** Shows the prompt (when the source is interactive) and reads a line; null when the input has ended. */
    String readLine(String prompt);

    /**
     * Reads the answer to a question; unlike commands, answers are not kept in the history. choices are what Tab
     * offers meanwhile (empty: nothing).
     */
    default String readAnswer(String prompt, java.util.List<String> choices) {
        return readLine(prompt);
    }
}
