package org.xcpbalancer.manager.console;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** Asks through the same line source the commands come from (JLine or a stream). */
public final class LinePrompter implements Prompter {
    private final LineSource source;
    private final PrintWriter out;

    public LinePrompter(LineSource source, PrintWriter out) {
        this.source = source;
        this.out = out;
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public Optional<String> ask(String question, List<String> choices) {
        String answer = source.readAnswer(question + " ", choices);
        return answer == null || answer.isBlank() ? Optional.empty() : Optional.of(answer.strip());
    }

    @Override
    public void say(String line) {
        out.println(line);
        out.flush();
    }
}
