package org.xcpbalancer.manager.completion;

import java.util.List;
import java.util.TreeSet;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.xcpbalancer.manager.console.ConsoleContext;

/** Completes the XAPI tags of the pool's hosts and VMs, read from the database. */
public final class TagCompleter implements Completer {
    private final ConsoleContext context;

    public TagCompleter(ConsoleContext context) {
        this.context = context;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        PoolValues.state(context).ifPresent(state -> {
            TreeSet<String> tags = new TreeSet<>();
            state.hosts().forEach(h -> tags.addAll(h.tags()));
            state.vms().forEach(v -> tags.addAll(v.tags()));
            tags.forEach(tag -> candidates.add(new Candidate(tag, tag, null, null, null, null, true)));
        });
    }
}
