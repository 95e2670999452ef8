package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.format.DataAge;
import org.xcpbalancer.manager.format.TextTable;
import org.xcpbalancer.manager.format.TextTable.Column;

/** SHOW POOLS: the pools this database holds, which one is in use, and how fresh each is. */
public final class ShowPoolsCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW POOLS";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW POOLS", USAGE, "the pools in the database (USE POOL chooses one)");
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        arguments.expectEnd(USAGE);
        List<PoolRef> pools = context.poolStates().pools();
        Optional<PoolRef> inUse = context.poolIfKnown();
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        if (pools.isEmpty()) {
            lines.add("No pool in the database yet: run xcp-collect first.");
        } else {
            TextTable table = new TextTable(List.of(Column.left(""), Column.left("NAME"), Column.left("MASTER"),
                    Column.left("DATA"), Column.left("UUID")));
            for (PoolRef pool : pools) {
                boolean used = inUse.map(p -> p.uuid().equals(pool.uuid())).orElse(false);
                DataAge age = DataAge.of(pool, context.clock().instant(), context.staleAfter());
                table.row(List.of(used ? "*" : " ", pool.name(), pool.masterAddress() == null ? "-" : pool.masterAddress(),
                        age.collected() + (age.stale() ? " (stale)" : ""), pool.uuid()));
                Map<String, Object> entry = new LinkedHashMap<>(age.json());
                entry.put("masterAddress", pool.masterAddress());
                entry.put("inUse", used);
                json.add(entry);
            }
            lines.addAll(table.render());
        }
        return CommandOutput.of(lines, Map.of("pools", json));
    }
}
