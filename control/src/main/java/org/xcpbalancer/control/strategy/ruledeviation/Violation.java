package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;

/** A host more than its rule's threshold above the pool average, in the predicted pool. */
record Violation(HostRule rule, int hostIndex, HostState host, double value, double average) {

    /** Identifies a violation across the planning loop's iterations (the values change as moves are applied). */
    record Key(HostRule rule, String hostUuid) {
    }

    /** Every violation in the pool, the most severe first (ties: host name). */
    static List<Violation> all(PredictedPool pool, List<HostRule> rules) {
        List<Violation> result = new ArrayList<>();
        for (HostRule rule : rules) {
            for (int h : pool.violators(rule)) {
                result.add(new Violation(rule, h, pool.host(h), pool.value(rule.subject(), h),
                        pool.average(rule.subject())));
            }
        }
        result.sort(Comparator.comparingDouble(Violation::severity).reversed()
                .thenComparing(v -> v.host().name(), Comparator.nullsLast(String::compareTo)));
        return result;
    }

    double deviation() {
        return value - average;
    }

    /** How far above the average, in units of the rule's threshold. */
    double severity() {
        return deviation() / rule.threshold();
    }

    Key key() {
        return new Key(rule, host.uuid());
    }
}
