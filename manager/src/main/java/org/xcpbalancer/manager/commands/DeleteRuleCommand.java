package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ConsoleInputException;
import org.xcpbalancer.manager.console.Prompter;
import org.xcpbalancer.manager.console.ValueSource;

/**
 * DELETE RULE HOST: on a terminal shows each rule and asks "Do you want to delete this rule? [Y/N]", as the
 * original did; DELETE RULE HOST &lt;subject&gt; deletes one rule without asking (scripts).
 */
public final class DeleteRuleCommand implements ConsoleCommand {
    private static final String USAGE = "DELETE RULE HOST [<subject>]";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("DELETE RULE HOST", USAGE, "delete a rule (asks about each rule when no subject)")
                .completing(ValueSource.SUBJECT);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        PoolRef pool = context.pool();
        if (!arguments.hasMore()) {
            return askEach(context, pool);
        }
        RuleSubject subject = Subjects.parse(arguments.nextWord("a subject", USAGE));
        arguments.expectEnd(USAGE);
        HostRule rule = context.rules().rule(pool.id(), subject).orElseThrow(() -> new ConsoleInputException(
                "pool " + pool.name() + " has no " + subject.name() + " rule (SHOW RULES HOST lists them)"));
        context.rules().delete(pool.id(), subject);
        return CommandOutput.of(List.of("Rule deleted: " + RuleText.sentence(rule)), json(pool, List.of(rule), List.of()));
    }

    private CommandOutput askEach(ConsoleContext context, PoolRef pool) {
        Prompter prompter = context.prompter();
        if (!prompter.interactive()) {
            throw new ConsoleInputException("DELETE RULE HOST asks about each rule only on a terminal: name the rule, "
                    + "DELETE RULE HOST <subject> (e.g. DELETE RULE HOST CpuAverage)");
        }
        List<HostRule> rules = context.rules().rules(pool.id());
        if (rules.isEmpty()) {
            return CommandOutput.of(List.of("No rules to delete."), json(pool, List.of(), List.of()));
        }
        List<HostRule> deleted = new ArrayList<>();
        List<HostRule> kept = new ArrayList<>();
        for (HostRule rule : rules) {
            prompter.say(RuleText.listLine(rule));
            if (prompter.confirm("Do you want to delete this rule? [Y/N]")) {
                context.rules().delete(pool.id(), rule.subject());
                deleted.add(rule);
            } else {
                kept.add(rule);
            }
        }
        return CommandOutput.of(List.of(deleted.size() + " deleted, " + kept.size() + " kept."), json(pool, deleted, kept));
    }

    private static Map<String, Object> json(PoolRef pool, List<HostRule> deleted, List<HostRule> kept) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("deleted", deleted.stream().map(RuleText::json).toList());
        json.put("kept", kept.stream().map(RuleText::json).toList());
        return json;
    }
}
