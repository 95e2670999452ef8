package org.xcpbalancer.manager.completion;

import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.xcpbalancer.core.state.RuleSubject;

/**
 * Completes rule subjects (CpuAverage, OccupiedMemoryMb, OccupiedMemoryPercent, PifEth0RxKb, PifEth0TxKb), with
 * their unit, and SCORE, after CREATE/DELETE RULE HOST; again after AND; in a SCORE, the percentage subjects after
 * SCORE and after + (no space added: the weight follows, CpuAverage*0.7). After a threshold, AND.
 */
public final class SubjectCompleter implements Completer {
    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words().subList(0, line.wordIndex());
        int host = -1;
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equalsIgnoreCase("HOST")) {
                host = i;
                break;
            }
        }
        List<String> arguments = words.subList(host + 1, words.size());
        String previous = arguments.isEmpty() ? "" : arguments.get(arguments.size() - 1).toUpperCase(Locale.ROOT);
        boolean score = !arguments.isEmpty() && arguments.get(0).equalsIgnoreCase("SCORE");
        if (arguments.isEmpty()) {
            subjects(candidates, false, true);
            candidates.add(new Candidate("SCORE", "SCORE", null, "weighted score of % subjects", null, null, true));
        } else if (score && (previous.equals("SCORE") || previous.endsWith("+"))) {
            subjects(candidates, true, false);
        } else if (score) {
            candidates.add(new Candidate("+", "+", null, "another weighted subject", null, null, true));
        } else if (previous.equals("AND")) {
            subjects(candidates, false, true);
        } else if (!previous.isEmpty() && Character.isDigit(previous.charAt(0))) {
            candidates.add(new Candidate("AND", "AND", null, "and another subject", null, null, true));
        }
    }

    private static void subjects(List<Candidate> candidates, boolean percentOnly, boolean complete) {
        for (RuleSubject subject : RuleSubject.values()) {
            if (!percentOnly || subject.percentage()) {
                candidates.add(new Candidate(subject.name(), subject.name(), null, "in " + subject.unit(), null, null,
                        complete));
            }
        }
    }
}
