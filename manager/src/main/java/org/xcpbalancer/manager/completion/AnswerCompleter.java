package org.xcpbalancer.manager.completion;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion on the terminal: console commands, except while a question is being answered (CREATE RULE
 * HOST's "When [...]:"), when it offers that question's answers only (the subjects, Y and N) or nothing at all
 * (a threshold is a number: no command, no VM name belongs there).
 */
public final class AnswerCompleter implements Completer {
    private final Completer commands;
    private final AtomicReference<List<String>> answers = new AtomicReference<>();

    public AnswerCompleter(Completer commands) {
        this.commands = commands;
    }

    /** While set (not null), Tab offers these answers only; null again once the answer is read. */
    public void answering(List<String> choices) {
        answers.set(choices == null ? null : List.copyOf(choices));
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> choices = answers.get();
        if (choices == null) {
            commands.complete(reader, line, candidates);
            return;
        }
        // the whole answer is one value: complete the line as typed, spaces and all
        choices.forEach(c -> candidates.add(new Candidate(c, c, null, null, null, null, true)));
    }
}
