package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
 * CREATE RULE HOST: on a terminal asks the original questions (again after a wrong answer) ("When [...]:", "Is more than [%]:", the rule
 * echoed, "Confirm ? [Y/N]"); on one line, CREATE RULE HOST CpuAverage 25, for scripts. A rule replaces the
 * pool's rule on the same subject. Everything is validated before anything is written.
 */
public final class CreateRuleCommand implements ConsoleCommand {
    static final String USAGE = "CREATE RULE HOST [<subject> <threshold>]";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("CREATE RULE HOST", USAGE,
                "balance when a host's subject is more than threshold above the pool average (asks when no arguments)")
                .completing(ValueSource.SUBJECT);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        PoolRef pool = context.pool();
        if (!arguments.hasMore()) {
            return ask(context, pool);
        }
        RuleSubject subject = Subjects.parse(arguments.nextWord("a subject", USAGE));
        String typed = arguments.nextWord("a threshold in " + subject.unit() + " after " + subject.name(), USAGE);
        double threshold = ThresholdParser.parse(subject, typed);
        if (arguments.hasMore() && arguments.peek().equalsIgnoreCase(subject.unit())) {
            arguments.nextWord("a unit", USAGE);
        }
        arguments.expectEnd(USAGE);
        HostRule rule = new HostRule(subject, threshold);
        Optional<HostRule> replaced = context.rules().rule(pool.id(), subject);
        context.rules().save(pool.id(), rule);
        List<String> lines = new ArrayList<>();
        lines.add(RuleText.echo(rule));
        lines.add(savedLine(replaced));
        return CommandOutput.of(lines, json(pool, rule, replaced, true));
    }

    private CommandOutput ask(ConsoleContext context, PoolRef pool) {
        Prompter prompter = context.prompter();
        if (!prompter.interactive()) {
            throw new ConsoleInputException("CREATE RULE HOST asks its questions only on a terminal: give the rule on "
                    + "the line, CREATE RULE HOST <subject> <threshold> (e.g. CREATE RULE HOST CpuAverage 25)");
        }
        Optional<RuleSubject> answered = askUntilValid(prompter, "When [" + Subjects.choices() + "]:",
                Subjects.ORIGINAL_ORDER.stream().map(Enum::name).toList(), Subjects::parse);
        if (answered.isEmpty()) {
            return cancelled();
        }
        RuleSubject subject = answered.get();
        // a threshold is a number: Tab offers nothing rather than commands or names
        Optional<Double> threshold = askUntilValid(prompter, "Is more than [" + subject.unit() + "]:", List.of(),
                typed -> ThresholdParser.parse(subject, typed));
        if (threshold.isEmpty()) {
            return cancelled();
        }
        HostRule rule = new HostRule(subject, threshold.get());
        prompter.say(RuleText.echo(rule));
        Optional<HostRule> replaced = context.rules().rule(pool.id(), subject);
        replaced.ifPresent(old -> prompter.say("(this replaces the rule: " + RuleText.sentence(old) + ")"));
        if (!prompter.confirm("Confirm ? [Y/N]")) {
            return CommandOutput.of(List.of("Nothing written."), json(pool, rule, replaced, false));
        }
        context.rules().save(pool.id(), rule);
        return CommandOutput.of(List.of(savedLine(replaced)), json(pool, rule, replaced, true));
    }

    /**
     * Asks until the answer reads: a wrong answer is said in one line and the question asked again, instead of
     * throwing away what was answered before. Empty when the administrator gives up (an empty answer, Ctrl-C,
     * end of input).
     */
    private static <T> Optional<T> askUntilValid(Prompter prompter, String question, List<String> choices,
            Function<String, T> parse) {
        while (true) {
            Optional<String> answer = prompter.ask(question, choices);
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(parse.apply(answer.get()));
            } catch (ConsoleInputException e) {
                prompter.say(e.getMessage() + "; answer again (an empty answer cancels)");
            }
        }
    }

    private static String savedLine(Optional<HostRule> replaced) {
        return replaced.map(old -> "Rule saved (it replaces: " + RuleText.sentence(old) + ").").orElse("Rule saved.");
    }

    private static CommandOutput cancelled() {
        return CommandOutput.of(List.of("Cancelled: nothing written."), Map.of("saved", false));
    }

    private static Map<String, Object> json(PoolRef pool, HostRule rule, Optional<HostRule> replaced, boolean saved) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("saved", saved);
        json.put("rule", RuleText.json(rule));
        json.put("replaced", replaced.map(RuleText::json).orElse(null));
        return json;
    }
}
