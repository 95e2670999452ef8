package org.xcpbalancer.control.plan;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleSubject;

/**
 * A pool's rules flattened into arrays indexed by part (rule r's parts are {@link #firstPart} to {@link #endPart}
 * − 1), for the loops that score and check thousands of candidate moves per search. HostRule's and RulePart's own
 * methods take a lambda and iterate lists on every call, which allocated about a kilobyte per candidate
 * (docs/benchmarks/control.md); these do the same arithmetic in the same order, so every result is identical.
 */
public final class RuleTable {
    private final List<HostRule> rules;
    private final RulePart[] parts;
    private final int[] firstPart;
    private final RuleSubject[][] subjects;
    private final double[][] shares;
    private final double[] thresholds;
    private final RuleSubject[] usedSubjects;

    public RuleTable(List<HostRule> rules) {
        this.rules = List.copyOf(rules);
        firstPart = new int[rules.size() + 1];
        int count = 0;
        for (int r = 0; r < rules.size(); r++) {
            firstPart[r] = count;
            count += rules.get(r).parts().size();
        }
        firstPart[rules.size()] = count;
        parts = new RulePart[count];
        subjects = new RuleSubject[count][];
        shares = new double[count][];
        thresholds = new double[count];
        Set<RuleSubject> used = EnumSet.noneOf(RuleSubject.class);
        int p = 0;
        for (HostRule rule : rules) {
            for (RulePart part : rule.parts()) {
                parts[p] = part;
                subjects[p] = part.subjects().toArray(RuleSubject[]::new);
                shares[p] = new double[subjects[p].length];
                for (int i = 0; i < subjects[p].length; i++) {
                    shares[p][i] = part.share(i);
                }
                thresholds[p] = part.threshold();
                used.addAll(part.subjects());
                p++;
            }
        }
        usedSubjects = used.toArray(RuleSubject[]::new);
    }

    public int ruleCount() {
        return rules.size();
    }

    public HostRule rule(int r) {
        return rules.get(r);
    }

    /** The index of the rule (the first equal one), or -1. */
    public int indexOf(HostRule rule) {
        return rules.indexOf(rule);
    }

    public int firstPart(int r) {
        return firstPart[r];
    }

    /** One past rule r's last part. */
    public int endPart(int r) {
        return firstPart[r + 1];
    }

    public int partCount() {
        return parts.length;
    }

    public RulePart part(int p) {
        return parts[p];
    }

    public double threshold(int p) {
        return thresholds[p];
    }

    /** Every subject some part weighs: the only ones a candidate's score needs. */
    RuleSubject[] usedSubjects() {
        return usedSubjects;
    }

    /** Part p's value from its subjects' values (indexed by subject ordinal), as {@link RulePart#valueOf}. */
    double valueOf(int p, double[] bySubject) {
        double value = 0;
        for (int i = 0; i < subjects[p].length; i++) {
            value += shares[p][i] * bySubject[subjects[p][i].ordinal()];
        }
        return value;
    }

    /** Part p's value on host h, as {@link PredictedPool#value(RulePart, int)}; NaN when not measured. */
    public double hostValue(PredictedPool pool, int p, int h) {
        if (subjects[p].length == 1) {
            return pool.value(subjects[p][0], h);
        }
        double value = 0;
        for (int i = 0; i < subjects[p].length; i++) {
            value += shares[p][i] * pool.value(subjects[p][i], h);
        }
        return value;
    }

    /**
     * Whether rule r is violated with these part values and averages (both indexed by part), as
     * {@link HostRule#violatedBy}: every part more than its threshold above; NaN never violates.
     */
    public boolean violated(int r, double[] value, double[] average) {
        for (int p = firstPart[r]; p < firstPart[r + 1]; p++) {
            if (!(value[p] - average[p] > thresholds[p])) {
                return false;
            }
        }
        return true;
    }

    /** How far into rule r, in units of threshold, as {@link HostRule#severity}; NaN when not measured. */
    public double severity(int r, double[] value, double[] average) {
        double least = Double.POSITIVE_INFINITY;
        for (int p = firstPart[r]; p < firstPart[r + 1]; p++) {
            double ratio = (value[p] - average[p]) / thresholds[p];
            if (Double.isNaN(ratio)) {
                return Double.NaN;
            }
            least = Math.min(least, ratio);
        }
        return least;
    }
}
