package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.ConsoleInputException;

/**
 * Reads a rule as typed after CREATE RULE HOST: "CpuAverage 25", "CpuAverage 25 AND OccupiedMemoryPercent 20"
 * (each part as a single rule, joined by AND), "SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15" (terms
 * subject*weight joined by +, spaces optional, then the threshold in points). Each mistake is one line naming it.
 */
final class RuleParser {
    private static final Pattern TERM = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*)\\s*(?:\\*\\s*(\\S+?))?\\s*");
    private static final Pattern WEIGHT_FIRST = Pattern.compile("\\s*([0-9.+-]+)\\s*\\*\\s*([A-Za-z][A-Za-z0-9]*)\\s*");

    private RuleParser() {
    }

    static HostRule parse(CommandArguments arguments, String usage) {
        if (arguments.acceptKeyword("SCORE")) {
            return score(arguments, usage);
        }
        List<RulePart> parts = new ArrayList<>();
        do {
            RuleSubject subject = Subjects.parse(arguments.nextWord(parts.isEmpty() ? "a subject" : "a subject after AND",
                    usage));
            String typed = arguments.nextWord("a threshold in " + subject.unit() + " after " + subject.name(), usage);
            double threshold = ThresholdParser.parse(subject, typed);
            if (arguments.hasMore() && arguments.peek().equalsIgnoreCase(subject.unit())) {
                arguments.nextWord("a unit", usage);
            }
            parts.add(RulePart.of(subject, threshold));
        } while (arguments.acceptKeyword("AND"));
        arguments.expectEnd(usage);
        return checked(() -> parts.size() == 1 ? new HostRule(parts.get(0).subject(0), parts.get(0).threshold())
                : HostRule.allOf(parts));
    }

    private static HostRule score(CommandArguments arguments, String usage) {
        List<String> words = new ArrayList<>();
        while (arguments.hasMore()) {
            words.add(arguments.nextWord("a word", usage));
        }
        if (!words.isEmpty() && words.get(words.size() - 1).equals("%")) {
            words.remove(words.size() - 1);
        }
        if (words.isEmpty() || !ThresholdParser.looksLikeNumber(words.get(words.size() - 1))) {
            throw new ConsoleInputException("CREATE RULE HOST SCORE needs weighted subjects then a threshold in %, e.g."
                    + " CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15");
        }
        double threshold = ThresholdParser.parseScore(words.remove(words.size() - 1));
        List<RulePart.WeightedSubject> weights = terms(String.join(" ", words), true);
        if (weights.size() == 1) {
            throw new ConsoleInputException("a SCORE weighs two or more subjects: for one, CREATE RULE HOST "
                    + weights.get(0).subject() + " " + RulePart.number(threshold));
        }
        return checked(() -> HostRule.score(weights, threshold));
    }

    /**
     * "CpuAverage*0.7 + OccupiedMemoryPercent*0.3" as subjects and weights (0.7*CpuAverage reads too; a subject
     * alone weighs 1). withWeights false: DELETE's "CpuAverage + OccupiedMemoryPercent", weights ignored.
     */
    static List<RulePart.WeightedSubject> terms(String expression, boolean withWeights) {
        List<RulePart.WeightedSubject> result = new ArrayList<>();
        if (expression.isBlank()) {
            throw new ConsoleInputException("a SCORE weighs two or more subjects, e.g. CpuAverage*0.7 + OccupiedMemoryPercent*0.3");
        }
        for (String term : expression.split("\\+", -1)) {
            Matcher weightFirst = WEIGHT_FIRST.matcher(term);
            Matcher subjectFirst = TERM.matcher(term);
            RuleSubject subject;
            String weight;
            if (weightFirst.matches()) {
                subject = Subjects.parse(weightFirst.group(2));
                weight = weightFirst.group(1);
            } else if (subjectFirst.matches()) {
                subject = Subjects.parse(subjectFirst.group(1));
                weight = subjectFirst.group(2);
            } else {
                throw new ConsoleInputException(term.isBlank() ? "an empty term in the SCORE (two + in a row?)"
                        : "'" + InputEcho.shown(term.strip()) + "' is not a weighted subject such as CpuAverage*0.7");
            }
            result.add(new RulePart.WeightedSubject(subject,
                    weight == null || !withWeights ? 1 : ThresholdParser.parseWeight(subject, weight)));
        }
        return result;
    }

    /** The rule, or the one line core gives for what makes it no rule (a subject twice, MB in a score ...). */
    static HostRule checked(java.util.function.Supplier<HostRule> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new ConsoleInputException(e.getMessage());
        }
    }
}
