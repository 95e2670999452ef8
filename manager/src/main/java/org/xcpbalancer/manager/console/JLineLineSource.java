package org.xcpbalancer.manager.console;

import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.xcpbalancer.manager.completion.AnswerCompleter;

/**
 * Lines from a JLine terminal: line editing, history, completion. Ctrl-C abandons the line being typed (and a
 * question being answered: nothing is written); Ctrl-D ends the session.
 */
public final class JLineLineSource implements LineSource {
    private final LineReader reader;
    private final AnswerCompleter completer;

    /** completer: the reader's completer, told which answers Tab offers while a question is asked. */
    public JLineLineSource(LineReader reader, AnswerCompleter completer) {
        this.reader = reader;
        this.completer = completer;
    }

    @Override
    public String readAnswer(String prompt, List<String> choices) {
        Object before = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        completer.answering(choices);
        try {
            return readLine(prompt);
        } finally {
            completer.answering(null);
            reader.setVariable(LineReader.DISABLE_HISTORY, before == null ? false : before);
        }
    }

    @Override
    public String readLine(String prompt) {
        try {
            // JLine expands %-sequences in prompts: "Is more than [%]:" must reach the screen as written
            return reader.readLine(prompt.replace("%", "%%"));
        } catch (UserInterruptException e) {
            return "";
        } catch (EndOfFileException e) {
            return null;
        }
    }
}
