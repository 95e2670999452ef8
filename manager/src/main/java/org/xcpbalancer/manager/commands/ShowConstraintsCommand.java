package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xcpbalancer.core.constraints.ConstraintStatus;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ConsoleInputException;
import org.xcpbalancer.manager.console.ValueSource;
import org.xcpbalancer.manager.format.DataAge;
import org.xcpbalancer.manager.format.TextTable;
import org.xcpbalancer.manager.format.TextTable.Column;

/**
 * SHOW CONSTRAINTS [&lt;group&gt;]: every placement constraint of the pool (anti-affinity and affinity groups,
 * run-on and prefer rules), whether it holds with the VMs where they run now, and the VMs that break it.
 */
public final class ShowConstraintsCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW CONSTRAINTS [<group or VM name>]";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW CONSTRAINTS", USAGE,
                "every anti-affinity, affinity, run-on and prefer constraint, whether it holds now, and who breaks it")
                .completing(ValueSource.GROUP);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        String filter = arguments.hasMore() ? arguments.restAsName("a group or VM name", USAGE) : null;
        arguments.expectEnd(USAGE);
        PoolState state = context.poolState();
        DataAge age = DataAge.of(state.pool(), context.clock().instant(), context.staleAfter());
        List<ConstraintStatus> statuses = ConstraintView.statuses(state).stream()
                .filter(s -> filter == null || s.constraint().name() != null
                        && s.constraint().name().toLowerCase(Locale.ROOT).equals(filter.strip().toLowerCase(Locale.ROOT)))
                .toList();
        if (filter != null && statuses.isEmpty()) {
            throw new ConsoleInputException("no constraint named '" + filter.strip() + "' in pool " + state.pool().name()
                    + " (SHOW CONSTRAINTS lists them)");
        }
        List<String> lines = new ArrayList<>();
        lines.add(age.line());
        if (statuses.isEmpty()) {
            lines.add("(no constraints: tag VMs xcp-balancer:anti-affinity=NAME, affinity=NAME, run-on=LABEL or"
                    + " prefer=LABEL, hosts xcp-balancer:label=LABEL; see docs/control.md)");
        } else {
            TextTable table = new TextTable(List.of(Column.left("KIND"), Column.left("CONSTRAINT"), Column.left("MUST"),
                    Column.left("HOLDS"), Column.left("VMS"), Column.left("DETAIL")));
            for (ConstraintStatus s : statuses) {
                table.row(List.of(s.constraint().kind().word(), ConstraintView.label(s.constraint()),
                        s.constraint().kind().must() ? "yes" : "no", s.holds() ? "yes" : "NO",
                        ConstraintView.names(s.constraint().vmUuids(), state), s.detail()));
            }
            lines.addAll(table.render());
            long broken = statuses.stream().filter(s -> !s.holds()).count();
            lines.add(statuses.size() + " constraint" + (statuses.size() == 1 ? "" : "s") + ", " + broken + " broken");
        }
        Map<String, Object> json = new LinkedHashMap<>(age.json());
        json.put("constraints", statuses.stream().map(s -> ConstraintView.json(s, state)).toList());
        return CommandOutput.of(lines, json).withWarnings(age.warnings());
    }
}
