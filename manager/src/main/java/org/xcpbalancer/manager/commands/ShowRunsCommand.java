package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.data.RunEntry;
import org.xcpbalancer.manager.format.Ages;
import org.xcpbalancer.manager.format.TextTable;
import org.xcpbalancer.manager.format.TextTable.Column;

/** SHOW RUNS [LIMIT n]: the latest collections and control runs together, newest first, with their outcome. */
public final class ShowRunsCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW RUNS [LIMIT <n>]";
    private static final int DEFAULT_LIMIT = 20;

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW RUNS", USAGE, "recent collections and control runs with their outcome")
                .withClauses(List.of("LIMIT"));
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        int limit = arguments.limit(USAGE).orElse(DEFAULT_LIMIT);
        arguments.expectEnd(USAGE);
        PoolRef pool = context.pool();
        List<RunEntry> runs = context.runs().recent(pool.id(), limit);
        List<String> lines = new ArrayList<>();
        if (runs.isEmpty()) {
            lines.add("No collections or control runs recorded for pool " + pool.name() + " yet.");
        } else {
            TextTable table = new TextTable(List.of(Column.left("STARTED (UTC)"), Column.left("RUN"), Column.right("ID"),
                    Column.left("OUTCOME"), Column.right("DURATION"), Column.left("DETAILS")));
            for (RunEntry run : runs) {
                table.row(List.of(ShowMigrationsCommand.WHEN.format(run.startedAt()), run.kind().label(),
                        Long.toString(run.id()), run.outcome(),
                        run.duration() == null ? "-" : Ages.elapsed(run.duration()), run.details()));
            }
            lines.addAll(table.render());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("runs", runs.stream().map(ShowRunsCommand::json).toList());
        return CommandOutput.of(lines, json);
    }

    private static Map<String, Object> json(RunEntry run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", run.kind().label());
        json.put("id", run.id());
        json.put("startedAt", run.startedAt().toString());
        json.put("durationMs", run.duration() == null ? null : run.duration().toMillis());
        json.put("outcome", run.outcome());
        json.put("details", run.details());
        return json;
    }
}
