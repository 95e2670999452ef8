package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;

/** SHOW RULES HOST: "Rules - Balance host when:" then one line per rule, as the original tool printed them. */
public final class ShowRulesCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW RULES HOST";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW RULES HOST", USAGE, "the pool's balancing rules");
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        arguments.expectEnd(USAGE);
        PoolRef pool = context.pool();
        List<HostRule> rules = context.rules().rules(pool.id());
        List<String> lines = new ArrayList<>();
        lines.add("Rules - Balance host when:");
        rules.forEach(rule -> lines.add(RuleText.listLine(rule)));
        if (rules.isEmpty()) {
            lines.add("(no rules: xcp-control moves nothing; CREATE RULE HOST adds one)");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("rules", rules.stream().map(RuleText::json).toList());
        return CommandOutput.of(lines, json);
    }
}
