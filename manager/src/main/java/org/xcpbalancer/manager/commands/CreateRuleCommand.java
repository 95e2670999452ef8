package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.RulePart;
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
 * echoed, "Confirm ? [Y/N]"); on one line, CREATE RULE HOST CpuAverage 25, for scripts. Combined rules:
 * CpuAverage 25 AND OccupiedMemoryPercent 20 (answered to "When" as CpuAverage AND OccupiedMemoryPercent, then one
 * threshold per subject) and SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15 (answered as SCORE, then the
 * weights, then the threshold). A rule replaces the pool's rule of the same form on the same subjects. Everything
 * is validated before anything is written.
 */
public final class CreateRuleCommand implements ConsoleCommand {
    static final String USAGE = "CREATE RULE HOST [<subject> <threshold> [AND ...]|SCORE ...]";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("CREATE RULE HOST", USAGE,
                "balance when a host's subject is more than threshold above the pool average (asks when no arguments);"
                        + " AND joins subjects, SCORE weighs % subjects: SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15")
                .completing(ValueSource.SUBJECT);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        PoolRef pool = context.pool();
        if (!arguments.hasMore()) {
            return ask(context, pool);
        }
        HostRule rule = RuleParser.parse(arguments, USAGE);
        Optional<HostRule> replaced = context.rules().sameAs(pool.id(), rule);
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
        List<String> choices = new ArrayList<>(Subjects.ORIGINAL_ORDER.stream().map(Enum::name).toList());
        choices.add("SCORE");
        Optional<List<RuleSubject>> answered = askUntilValid(prompter, "When [" + Subjects.choices() + "]:", choices,
                CreateRuleCommand::subjectsAnswer);
        if (answered.isEmpty()) {
            return cancelled();
        }
        Optional<HostRule> asked = answered.get().isEmpty() ? askScore(prompter) : askThresholds(prompter, answered.get());
        if (asked.isEmpty()) {
            return cancelled();
        }
        HostRule rule = asked.get();
        prompter.say(RuleText.echo(rule));
        Optional<HostRule> replaced = context.rules().sameAs(pool.id(), rule);
        replaced.ifPresent(old -> prompter.say("(this replaces the rule: " + RuleText.sentence(old) + ")"));
        if (!prompter.confirm("Confirm ? [Y/N]")) {
            return CommandOutput.of(List.of("Nothing written."), json(pool, rule, replaced, false));
        }
        context.rules().save(pool.id(), rule);
        return CommandOutput.of(List.of(savedLine(replaced)), json(pool, rule, replaced, true));
    }

    /** "CpuAverage" or "CpuAverage AND OccupiedMemoryPercent"; SCORE is the empty list. */
    private static List<RuleSubject> subjectsAnswer(String typed) {
        if (typed.strip().equalsIgnoreCase("SCORE")) {
            return List.of();
        }
        List<RuleSubject> subjects = new ArrayList<>();
        for (String word : typed.strip().split("(?i)\\s+AND\\s+")) {
            RuleSubject subject = Subjects.parse(word);
            if (subjects.contains(subject)) {
                throw new ConsoleInputException(subject + " appears twice in the rule");
            }
            subjects.add(subject);
        }
        return subjects;
    }

    /** "Is more than [%]:" for one subject, "Is more than [%] for CpuAverage:" for each subject of an AND rule. */
    private static Optional<HostRule> askThresholds(Prompter prompter, List<RuleSubject> subjects) {
        List<RulePart> parts = new ArrayList<>();
        for (RuleSubject subject : subjects) {
            // a threshold is a number: Tab offers nothing rather than commands or names
            Optional<Double> threshold = askUntilValid(prompter, "Is more than [" + subject.unit() + "]"
                    + (subjects.size() > 1 ? " for " + subject : "") + ":", List.of(),
                    typed -> ThresholdParser.parse(subject, typed));
            if (threshold.isEmpty()) {
                return Optional.empty();
            }
            parts.add(RulePart.of(subject, threshold.get()));
        }
        return Optional.of(parts.size() == 1 ? new HostRule(subjects.get(0), parts.get(0).threshold())
                : RuleParser.checked(() -> HostRule.allOf(parts)));
    }

    /** "Weigh [e.g. CpuAverage*0.7 + OccupiedMemoryPercent*0.3]:" then "Is more than [%]:". */
    private static Optional<HostRule> askScore(Prompter prompter) {
        List<String> percentages = java.util.Arrays.stream(RuleSubject.values()).filter(RuleSubject::percentage)
                .map(Enum::name).toList();
        Optional<List<RulePart.WeightedSubject>> weights = askUntilValid(prompter,
                "Weigh [e.g. CpuAverage*0.7 + OccupiedMemoryPercent*0.3]:", percentages, typed -> {
                    List<RulePart.WeightedSubject> terms = RuleParser.terms(typed, true);
                    RuleParser.checked(() -> HostRule.score(terms, 100));
                    return terms;
                });
        if (weights.isEmpty()) {
            return Optional.empty();
        }
        Optional<Double> threshold = askUntilValid(prompter, "Is more than [%]:", List.of(), ThresholdParser::parseScore);
        return threshold.map(t -> HostRule.score(weights.get(), t));
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
