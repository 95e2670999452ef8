package org.xcpbalancer.core.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * One comparison of a host rule: a host's value, more than threshold above the pool's average of the same value.
 * The value is one subject, or for a SCORE the weighted average of several percentage subjects: weights are
 * relative (divided by their sum), so the score is a percentage too and its threshold is in percentage points.
 * Only percentage subjects may be weighed: MB and Kb/s have no common scale with percent.
 */
public record RulePart(List<WeightedSubject> weights, double threshold) {

    /** A subject and its weight in the part (1 for a single subject). */
    public record WeightedSubject(RuleSubject subject, double weight) {
    }

    public RulePart {
        weights = List.copyOf(weights);
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("a rule part needs a subject");
        }
        Set<RuleSubject> seen = new HashSet<>();
        double total = 0;
        for (WeightedSubject w : weights) {
            if (!seen.add(w.subject())) {
                throw new IllegalArgumentException(w.subject() + " appears twice in the rule");
            }
            if (!Double.isFinite(w.weight()) || w.weight() <= 0) {
                throw new IllegalArgumentException("the weight of " + w.subject() + " must be a number more than 0, not "
                        + w.weight());
            }
            if (weights.size() > 1 && !w.subject().percentage()) {
                throw new IllegalArgumentException(w.subject() + " is in " + w.subject().unit()
                        + ": a score weighs only percentage subjects (CpuAverage, OccupiedMemoryPercent)");
            }
            total += w.weight();
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("the weights must sum to a positive number, not " + total);
        }
        double max = weights.size() == 1 ? weights.get(0).subject().maxThreshold() : 100;
        if (!Double.isFinite(threshold) || threshold <= 0 || threshold > max) {
            // (the fields are not set yet in a compact constructor: the name and unit come from the arguments)
            RulePart named = new RulePart(weights, max);
            throw new IllegalArgumentException("threshold for " + named.name() + " must be more than 0 and at most "
                    + (long) max + " " + named.unit() + ", not " + threshold);
        }
    }

    /** A part on one subject. */
    public static RulePart of(RuleSubject subject, double threshold) {
        return new RulePart(List.of(new WeightedSubject(subject, 1)), threshold);
    }

    /** Whether the part is one subject (not a weighted score). */
    public boolean single() {
        return weights.size() == 1;
    }

    public RuleSubject subject(int i) {
        return weights.get(i).subject();
    }

    public List<RuleSubject> subjects() {
        List<RuleSubject> result = new ArrayList<>();
        weights.forEach(w -> result.add(w.subject()));
        return result;
    }

    /** The weight of the i-th subject divided by the sum of the weights: the shares sum to 1. */
    public double share(int i) {
        double total = 0;
        for (WeightedSubject w : weights) {
            total += w.weight();
        }
        return weights.get(i).weight() / total;
    }

    /** The part's value from its subjects' values: Σ share × value (NaN when any is NaN). */
    public double valueOf(ToDoubleFunction<RuleSubject> subjectValue) {
        double value = 0;
        for (int i = 0; i < weights.size(); i++) {
            value += share(i) * subjectValue.applyAsDouble(subject(i));
        }
        return value;
    }

    /** The unit of the part's value and threshold: the subject's, or % for a score. */
    public String unit() {
        return single() ? subject(0).unit() : "%";
    }

    /** "CpuAverage", or "score CpuAverage*0.7 + OccupiedMemoryPercent*0.3". */
    public String name() {
        if (single()) {
            return subject(0).name();
        }
        List<String> terms = new ArrayList<>();
        weights.forEach(w -> terms.add(w.subject() + "*" + number(w.weight())));
        return "score " + String.join(" + ", terms);
    }

    /** 25.0 -> "25", 0.7 -> "0.7": as an administrator types it. */
    public static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
