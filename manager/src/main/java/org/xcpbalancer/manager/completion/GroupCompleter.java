package org.xcpbalancer.manager.completion;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.xcpbalancer.core.constraints.Constraint;
import org.xcpbalancer.core.constraints.ConstraintModel;
import org.xcpbalancer.manager.console.ConsoleContext;

/** Completes the names of the pool's groups: XAPI VM_groups and the anti-affinity and affinity tag groups. */
public final class GroupCompleter implements Completer {
    private final ConsoleContext context;

    public GroupCompleter(ConsoleContext context) {
        this.context = context;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        PoolValues.state(context).ifPresent(state -> {
            state.groups().forEach(g -> candidates.add(
                    new Candidate(g.name(), g.name(), null, "VM_group, " + g.placement(), null, null, true)));
            for (Constraint c : ConstraintModel.of(state).constraints()) {
                if (c.origin().equals("tag") && (c.kind() == Constraint.Kind.ANTI_AFFINITY
                        || c.kind() == Constraint.Kind.AFFINITY)) {
                    candidates.add(new Candidate(c.name(), c.name(), null, c.kind().word() + " tag", null, null, true));
                }
            }
        });
    }
}
