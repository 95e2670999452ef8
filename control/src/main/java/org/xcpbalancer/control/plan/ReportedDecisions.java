package org.xcpbalancer.control.plan;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The lasting decisions already stored (a VM that cannot move, a constraint that cannot be met), so a run
 * stores such a decision only when it is new or its words changed, not every minute. A decision is known by
 * its action and its VM, or, about no VM, by the words of its reason before the first ':' (e.g.
 * "anti-affinity group 'web' (tag) cannot be met"). Read back {@link #LOOKBACK}: a condition that lasts is
 * stored again once a day, so it stays in sight of SHOW RUNS.
 */
public final class ReportedDecisions {
    public static final Duration LOOKBACK = Duration.ofDays(1);
    public static final ReportedDecisions NONE = new ReportedDecisions(Map.of());

    private final Map<String, String> latestReason;

    private ReportedDecisions(Map<String, String> latestReason) {
        this.latestReason = Map.copyOf(latestReason);
    }

    /** Builds the memory from stored decisions, oldest first (a later one replaces an earlier one). */
    public static final class Builder {
        private final Map<String, String> latest = new HashMap<>();

        public Builder add(String action, String vmUuid, String reason) {
            latest.put(key(action, vmUuid, reason), reason);
            return this;
        }

        public ReportedDecisions build() {
            return new ReportedDecisions(latest);
        }
    }

    /** Whether the last stored decision with the same identity had the same words. */
    public boolean alreadySaid(Decision decision) {
        return decision.reason().equals(latestReason.get(key(decision.action().name(), decision.vmUuid(),
                decision.reason())));
    }

    private static String key(String action, String vmUuid, String reason) {
        if (vmUuid != null) {
            return action + "|" + vmUuid;
        }
        int colon = reason.indexOf(':');
        return action + "||" + (colon < 0 ? reason : reason.substring(0, colon));
    }
}
