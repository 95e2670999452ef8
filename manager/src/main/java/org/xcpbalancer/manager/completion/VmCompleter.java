package org.xcpbalancer.manager.completion;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.xcpbalancer.manager.console.ConsoleContext;

/** Completes VM names and uuids of the pool in use, read from the database. */
public final class VmCompleter implements Completer {
    private final ConsoleContext context;

    public VmCompleter(ConsoleContext context) {
        this.context = context;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        PoolValues.state(context).ifPresent(state -> state.vms().forEach(
                vm -> PoolValues.nameAndUuid(candidates, vm.name(), vm.uuid(), vm.powerState())));
    }
}
