package org.xcpbalancer.control.strategy.ruledeviation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.SubjectValues;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostSampleRow;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.RuleSubject;

/**
 * The hold rule: a host must violate a rule (every part of an AND rule) in control.holdSamples consecutive collected samples before anything
 * moves. Sample k of every host (k = 0 the newest) belongs to the same collection, so each violation is judged
 * against the pool average of that collection, as the current state is. Consecutive means without a gap: a
 * sample more than control.maxDataAge older than the next one (the collector was stopped) ends the streak, so
 * history from before an outage never counts towards the hold.
 */
final class HoldCheck {
    private final int holdSamples;
    /** Per rule and host uuid: how many of the newest samples in a row violate the rule. */
    private final Map<HostRule, Map<String, Integer>> streaks = new HashMap<>();

    private HoldCheck(int holdSamples) {
        this.holdSamples = holdSamples;
    }

    static HoldCheck of(PoolSnapshot snapshot, List<HostRule> rules, int holdSamples, Duration maxGap) {
        HoldCheck check = new HoldCheck(holdSamples);
        List<HostState> hosts = snapshot.hosts();
        for (HostRule rule : rules) {
            Map<String, Integer> streak = new HashMap<>();
            // Per sample k, each subject's average over the hosts measured; a score's average is their weighted
            // average, as in the predicted pool.
            List<Map<RuleSubject, Double>> averages = new ArrayList<>();
            for (int k = 0; k < holdSamples; k++) {
                Map<RuleSubject, Double> byS = new EnumMap<>(RuleSubject.class);
                for (RuleSubject subject : rule.subjects()) {
                    double sum = 0;
                    int n = 0;
                    for (HostState host : hosts) {
                        Double value = valueAt(snapshot, subject, host.uuid(), k);
                        if (value != null) {
                            sum += value;
                            n++;
                        }
                    }
                    byS.put(subject, n == 0 ? Double.NaN : sum / n);
                }
                averages.add(byS);
            }
            for (HostState host : hosts) {
                int count = 0;
                List<HostSampleRow> samples = snapshot.samplesOf(host.uuid());
                while (count < holdSamples) {
                    int k = count;
                    boolean violated = rule.violatedBy(part -> part.valueOf(s -> orNaN(valueAt(snapshot, s, host.uuid(), k)))
                            - part.valueOf(averages.get(k)::get));
                    if (!violated) {
                        break;
                    }
                    if (count > 0 && Duration.between(samples.get(count).sampledAt(), samples.get(count - 1).sampledAt())
                            .compareTo(maxGap) > 0) {
                        break;
                    }
                    count++;
                }
                streak.put(host.uuid(), count);
            }
            check.streaks.put(rule, streak);
        }
        return check;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static Double valueAt(PoolSnapshot snapshot, RuleSubject subject, String hostUuid, int k) {
        List<HostSampleRow> samples = snapshot.samplesOf(hostUuid);
        if (samples.size() <= k) {
            return null;
        }
        Double value = SubjectValues.of(subject, samples.get(k));
        return value == null || value.isNaN() ? null : value;
    }

    int holdSamples() {
        return holdSamples;
    }

    /** How many of the host's newest samples in a row violate the rule (at most holdSamples). */
    int violatingSamples(HostRule rule, String hostUuid) {
        return streaks.getOrDefault(rule, Map.of()).getOrDefault(hostUuid, 0);
    }

    /** Whether the host violated the rule in each of the last holdSamples samples: long enough to act on. */
    boolean lastedLongEnough(HostRule rule, String hostUuid) {
        return violatingSamples(rule, hostUuid) >= holdSamples;
    }
}
