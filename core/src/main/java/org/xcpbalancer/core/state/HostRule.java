package org.xcpbalancer.core.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A balancing rule of the pool. SINGLE, the original tool's: "balance when a host's subject is more than threshold
 * (in the subject's unit) above the pool average". AND: a host violates it only when every part is violated
 * (CpuAverage 25 AND OccupiedMemoryPercent 20). SCORE: one part, the weighted average of percentage subjects
 * (SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15), as XenServer WLB's metric weights.
 */
public record HostRule(Form form, List<RulePart> parts) {

    public enum Form { SINGLE, AND, SCORE }

    public HostRule {
        parts = List.copyOf(parts);
        boolean shape = switch (form) {
            case SINGLE -> parts.size() == 1 && parts.get(0).single();
            case AND -> parts.size() >= 2 && parts.stream().allMatch(RulePart::single);
            case SCORE -> parts.size() == 1 && !parts.get(0).single();
        };
        if (!shape) {
            throw new IllegalArgumentException(form == Form.AND ? "an AND rule needs two or more subjects"
                    : form == Form.SCORE ? "a SCORE weighs two or more subjects" : "a rule is on one subject");
        }
        Set<RuleSubject> seen = new HashSet<>();
        for (RulePart part : parts) {
            for (RuleSubject subject : part.subjects()) {
                if (!seen.add(subject)) {
                    throw new IllegalArgumentException(subject + " appears twice in the rule");
                }
            }
        }
    }

    /** The original single-subject rule. */
    public HostRule(RuleSubject subject, double threshold) {
        this(Form.SINGLE, List.of(RulePart.of(subject, threshold)));
    }

    /** A host violates it when every part is violated. */
    public static HostRule allOf(List<RulePart> parts) {
        return new HostRule(Form.AND, parts);
    }

    public static HostRule score(List<RulePart.WeightedSubject> weights, double threshold) {
        return new HostRule(Form.SCORE, List.of(new RulePart(weights, threshold)));
    }

    /** The subject of a SINGLE rule; of an AND or SCORE rule, its first subject. */
    public RuleSubject subject() {
        return parts.get(0).subject(0);
    }

    /** The threshold of a SINGLE or SCORE rule; of an AND rule, its first part's. */
    public double threshold() {
        return parts.get(0).threshold();
    }

    public boolean single() {
        return form == Form.SINGLE;
    }

    /**
     * Whether a host with these deviations from the pool averages (value − average, per part) violates the rule:
     * every part more than its threshold above. NaN (not measured) never violates.
     */
    public boolean violatedBy(java.util.function.ToDoubleFunction<RulePart> deviation) {
        for (RulePart part : parts) {
            if (!(deviation.applyAsDouble(part) > part.threshold())) {
                return false;
            }
        }
        return true;
    }

    /**
     * How far into the rule a host is, in units of threshold: the smallest deviation / threshold over the parts
     * (above 1 violates; for an AND rule, the part nearest to being back under decides). NaN when not measured.
     */
    public double severity(java.util.function.ToDoubleFunction<RulePart> deviation) {
        double least = Double.POSITIVE_INFINITY;
        for (RulePart part : parts) {
            double ratio = deviation.applyAsDouble(part) / part.threshold();
            if (Double.isNaN(ratio)) {
                return Double.NaN;
            }
            least = Math.min(least, ratio);
        }
        return least;
    }

    /** The part that decides the severity (see {@link #severity}). */
    public RulePart decidingPart(java.util.function.ToDoubleFunction<RulePart> deviation) {
        RulePart deciding = parts.get(0);
        double least = Double.POSITIVE_INFINITY;
        for (RulePart part : parts) {
            double ratio = deviation.applyAsDouble(part) / part.threshold();
            if (ratio < least) {
                least = ratio;
                deciding = part;
            }
        }
        return deciding;
    }

    /** The rule's name in ControlDecision.RuleSubject and Migration.RuleSubject: the subject, or {@link #text}. */
    public String logName() {
        return single() ? subject().name() : text();
    }

    /** Every subject of the rule, in the order typed. */
    public List<RuleSubject> subjects() {
        List<RuleSubject> result = new ArrayList<>();
        parts.forEach(p -> result.addAll(p.subjects()));
        return result;
    }

    /**
     * What makes two rules of a pool the same rule, so a new one replaces the old: the form and the set of
     * subjects in RuleSubject order ("CpuAverage", "AND CpuAverage+OccupiedMemoryPercent").
     */
    public String identity() {
        String subjects = subjects().stream().sorted().map(Enum::name).collect(Collectors.joining("+"));
        return single() ? subjects : form + " " + subjects;
    }

    /** The sorted subject names joined by '+', as stored in HostRuleSet.Subjects. */
    public String subjectKey() {
        return subjects().stream().sorted().map(Enum::name).collect(Collectors.joining("+"));
    }

    /**
     * The rule as typed after CREATE RULE HOST: "CpuAverage 25", "CpuAverage 25 AND OccupiedMemoryPercent 20",
     * "SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15". Names the rule in decisions and the migration log.
     */
    public String text() {
        return switch (form) {
            case SINGLE, AND -> parts.stream().map(p -> p.subject(0) + " " + RulePart.number(p.threshold()))
                    .collect(Collectors.joining(" AND "));
            case SCORE -> "SCORE " + parts.get(0).name().substring("score ".length()) + " "
                    + RulePart.number(threshold());
        };
    }
}
