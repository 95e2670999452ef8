package org.xcpbalancer.manager.completion;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.xcpbalancer.manager.console.ConsoleContext;

/** Completes the names and uuids of the pools in the database (USE POOL). */
public final class PoolCompleter implements Completer {
    private final ConsoleContext context;

    public PoolCompleter(ConsoleContext context) {
        this.context = context;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            context.poolStates().pools().forEach(
                    pool -> PoolValues.nameAndUuid(candidates, pool.name(), pool.uuid(), pool.masterAddress()));
        } catch (RuntimeException e) {
            // the database is away: nothing to complete; the command itself will say so
        }
    }
}
