package org.xcpbalancer.manager.completion;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.xcpbalancer.manager.console.ConsoleContext;

/** Completes host names and uuids of the pool in use, read from the database. */
public final class HostCompleter implements Completer {
    private final ConsoleContext context;

    public HostCompleter(ConsoleContext context) {
        this.context = context;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        PoolValues.state(context).ifPresent(state -> state.hosts().forEach(
                host -> PoolValues.nameAndUuid(candidates, host.name(), host.uuid(), host.ip())));
    }
}
