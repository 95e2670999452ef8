package org.xcpbalancer.manager.completion;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.xcpbalancer.core.state.RuleSubject;

/** Completes rule subjects (CpuAverage, OccupiedMemoryMb, OccupiedMemoryPercent, PifEth0RxKb, PifEth0TxKb), with their unit. */
public final class SubjectCompleter implements Completer {
    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (RuleSubject subject : RuleSubject.values()) {
            candidates.add(new Candidate(subject.name(), subject.name(), null, "in " + subject.unit(), null, null, true));
        }
    }
}
