package org.xcpbalancer.manager.completion;

import java.util.List;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.manager.console.ConsoleContext;

/** Reads the pool in use for completion; a database that cannot be read simply completes nothing. */
final class PoolValues {
    private PoolValues() {
    }

    static Optional<PoolState> state(ConsoleContext context) {
        try {
            return context.poolIfKnown().map(pool -> context.poolStates().load(pool));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A name, and its uuid described by the name, so either can be completed. */
    static void nameAndUuid(List<Candidate> candidates, String name, String uuid, String description) {
        if (name != null) {
            candidates.add(new Candidate(name, name, null, description, null, null, true));
        }
        candidates.add(new Candidate(uuid, uuid, null, name, null, null, true));
    }
}
