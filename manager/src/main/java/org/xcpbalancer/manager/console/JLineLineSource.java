package org.xcpbalancer.manager.console;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * Lines from a JLine terminal: line editing, history, completion. Ctrl-C abandons the line being typed (and a
 * question being answered: nothing is written); Ctrl-D ends the session.
 */
public final class JLineLineSource implements LineSource {
    private final LineReader reader;

    public JLineLineSource(LineReader reader) {
        this.reader = reader;
    }

    @Override
    public String readAnswer(String prompt) {
        Object before = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            return readLine(prompt);
        } finally {
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
