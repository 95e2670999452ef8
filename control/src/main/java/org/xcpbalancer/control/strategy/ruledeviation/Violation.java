package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.RulePart;

/**
 * A host violating a rule in the predicted pool: every part of it more than its threshold above the pool average.
 * part is the part that decides how far into the rule the host is (a single subject or a score: the rule's only
 * part; an AND rule: the part nearest to being back under), value and average are that part's.
 */
record Violation(HostRule rule, int hostIndex, HostState host, RulePart part, double value, double average,
        List<PartValue> parts) {

    /** One part's value on the host and its pool average, and (for a score) its subjects' values, for the texts. */
    record PartValue(RulePart part, double value, double average, List<Double> subjectValues) {
    }

    /** A violation of a one-part rule (a single subject or a score). */
    Violation(HostRule rule, int hostIndex, HostState host, double value, double average) {
        this(rule, hostIndex, host, rule.parts().get(0), value, average,
                List.of(new PartValue(rule.parts().get(0), value, average, List.of(value))));
    }

    /** Identifies a violation across the planning loop's iterations (the values change as moves are applied). */
    record Key(HostRule rule, String hostUuid) {
    }

    /** Every violation in the pool, the most severe first (ties: host name). */
    static List<Violation> all(PredictedPool pool, List<HostRule> rules) {
        List<Violation> result = new ArrayList<>();
        for (HostRule rule : rules) {
            for (int h : pool.violators(rule)) {
                int host = h;
                RulePart part = rule.decidingPart(p -> pool.deviation(p, host));
                List<PartValue> parts = rule.parts().stream()
                        .map(p -> new PartValue(p, pool.value(p, host), pool.average(p),
                                p.subjects().stream().map(s -> pool.value(s, host)).toList())).toList();
                result.add(new Violation(rule, h, pool.host(h), part, pool.value(part, h), pool.average(part), parts));
            }
        }
        result.sort(Comparator.comparingDouble(Violation::severity).reversed()
                .thenComparing(v -> v.host().name(), Comparator.nullsLast(String::compareTo)));
        return result;
    }

    double deviation() {
        return value - average;
    }

    /** How far above the average, in units of the deciding part's threshold. */
    double severity() {
        return deviation() / part.threshold();
    }

    Key key() {
        return new Key(rule, host.uuid());
    }
}
