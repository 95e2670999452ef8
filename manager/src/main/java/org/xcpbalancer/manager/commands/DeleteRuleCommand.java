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
 * original did; DELETE RULE HOST &lt;subject&gt; deletes one rule without asking (scripts), as do
 * DELETE RULE HOST CpuAverage AND OccupiedMemoryPercent and DELETE RULE HOST SCORE CpuAverage + OccupiedMemoryPercent
 * for the AND and SCORE rules on those subjects (thresholds and weights may be typed; they are not needed).
 */
public final class DeleteRuleCommand implements ConsoleCommand {
    private static final String USAGE = "DELETE RULE HOST [<subject> [AND ...]|SCORE ...]";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("DELETE RULE HOST", USAGE, "delete a rule (asks about each rule when no subject); an AND or SCORE rule by its subjects")
                .completing(ValueSource.SUBJECT);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        PoolRef pool = context.pool();
        if (!arguments.hasMore()) {
            return askEach(context, pool);
        }
        HostRule.Form form = arguments.acceptKeyword("SCORE") ? HostRule.Form.SCORE : HostRule.Form.AND;
        List<RuleSubject> subjects = form == HostRule.Form.SCORE ? scoreSubjects(arguments) : andSubjects(arguments);
        HostRule.Form wanted = subjects.size() == 1 ? HostRule.Form.SINGLE : form;
        List<RuleSubject> sorted = subjects.stream().sorted().toList();
        HostRule rule = context.rules().rules(pool.id()).stream()
                .filter(r -> r.form() == wanted && r.subjects().stream().sorted().toList().equals(sorted))
                .findFirst().orElseThrow(() -> new ConsoleInputException("pool " + pool.name() + " has no "
                        + (wanted == HostRule.Form.SINGLE ? subjects.get(0).name() + " rule"
                                : wanted + " rule on " + String.join(", ", subjects.stream().map(Enum::name).toList()))
                        + " (SHOW RULES HOST lists them)"));
        context.rules().delete(pool.id(), rule);
        return CommandOutput.of(List.of("Rule deleted: " + RuleText.sentence(rule)), json(pool, List.of(rule), List.of()));
    }

    /** "CpuAverage" or "CpuAverage AND OccupiedMemoryPercent", thresholds allowed after each subject. */
    private static List<RuleSubject> andSubjects(CommandArguments arguments) {
        List<RuleSubject> subjects = new ArrayList<>();
        do {
            subjects.add(Subjects.parse(arguments.nextWord(subjects.isEmpty() ? "a subject" : "a subject after AND",
                    USAGE)));
            while (arguments.hasMore() && !arguments.peek().equalsIgnoreCase("AND")
                    && ThresholdParser.looksLikeNumber(arguments.peek())) {
                arguments.nextWord("a threshold", USAGE);
            }
        } while (arguments.acceptKeyword("AND"));
        arguments.expectEnd(USAGE);
        return subjects;
    }

    /** "CpuAverage + OccupiedMemoryPercent" (weights and a threshold allowed). */
    private static List<RuleSubject> scoreSubjects(CommandArguments arguments) {
        List<String> words = new ArrayList<>();
        while (arguments.hasMore()) {
            words.add(arguments.nextWord("a subject", USAGE));
        }
        while (!words.isEmpty() && (words.get(words.size() - 1).equals("%")
                || ThresholdParser.looksLikeNumber(words.get(words.size() - 1)))) {
            words.remove(words.size() - 1);
        }
        return RuleParser.terms(String.join(" ", words), false).stream().map(w -> w.subject()).toList();
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
                context.rules().delete(pool.id(), rule);
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
