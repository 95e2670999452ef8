package org.xcpbalancer.control.strategy.ruledeviation;

import org.xcpbalancer.control.plan.MoveScorer;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.RuleTable;
import org.xcpbalancer.control.plan.TopCompliant;

/**
 * The rule checks of {@link MoveSearch} for one violating host in one pool: what they need of the pool now (the
 * source's severity per rule, the hosts within each rule, the part values per host) is computed once per search,
 * so checking a scored candidate ({@link MoveScorer}) only compares numbers and allocates nothing.
 */
final class MoveChecks {
    private final RuleTable table;
    private final int source;
    private final int violatedRule;
    private final double severityNow;
    private final boolean[] sourceViolatesNow;
    private final double[] sourceSeverityNow;
    /** Per one-part rule, its three largest compliant values; null for an AND rule. */
    private final TopCompliant[] topCompliant;
    /** Per AND rule, per host, whether it is within the rule now; null for a one-part rule. */
    private final boolean[][] compliantNow;
    /** Per host, each part's value now (only where an AND rule needs them: its parts). */
    private final double[][] partValues;
    private int brokenRule = -1;

    MoveChecks(PredictedPool pool, RuleTable table, Violation violation) {
        this.table = table;
        this.source = violation.hostIndex();
        this.violatedRule = table.indexOf(violation.rule());
        this.severityNow = violation.severity();
        int rules = table.ruleCount();
        sourceViolatesNow = new boolean[rules];
        sourceSeverityNow = new double[rules];
        topCompliant = new TopCompliant[rules];
        compliantNow = new boolean[rules][];
        partValues = new double[pool.hostCount()][];
        for (int r = 0; r < rules; r++) {
            sourceViolatesNow[r] = pool.violates(table.rule(r), source);
            sourceSeverityNow[r] = pool.severity(table.rule(r), source);
            if (table.endPart(r) - table.firstPart(r) == 1) {
                topCompliant[r] = TopCompliant.of(pool, table.rule(r));
                continue;
            }
            compliantNow[r] = new boolean[pool.hostCount()];
            for (int h = 0; h < pool.hostCount(); h++) {
                compliantNow[r][h] = !pool.violates(table.rule(r), h);
                if (partValues[h] == null) {
                    partValues[h] = new double[table.partCount()];
                }
                for (int p = table.firstPart(r); p < table.endPart(r); p++) {
                    partValues[h][p] = table.hostValue(pool, p, h);
                }
            }
        }
    }

    /**
     * Which check the scored move fails, in the order they are asked (null when it passes every one): the source
     * must get less far into the violated rule; then per rule, the destination must stay within it, the source
     * must not start violating it or get further into it, and no other host may start violating it.
     * {@link #brokenRule} names the rule.
     */
    RejectionKind failedCheck(MoveScorer move, int destination) {
        brokenRule = violatedRule;
        if (!(move.sourceSeverity(violatedRule) < severityNow)) {
            return RejectionKind.SOURCE_NOT_LOWERED;
        }
        for (int r = 0; r < table.ruleCount(); r++) {
            brokenRule = r;
            if (move.destinationViolates(r)) {
                return RejectionKind.DESTINATION_VIOLATES;
            }
            if (move.sourceViolates(r) && (!sourceViolatesNow[r] || move.sourceSeverity(r) > sourceSeverityNow[r])) {
                return RejectionKind.SOURCE_VIOLATES;
            }
            if (anotherHostViolates(r, move, destination)) {
                return RejectionKind.OTHER_VIOLATES;
            }
        }
        brokenRule = -1;
        return null;
    }

    /** The rule the last failed check is about. */
    int brokenRule() {
        return brokenRule;
    }

    /**
     * Whether a host other than the source and destination, within the rule now, would violate it once the move
     * shifted the averages. A one-part rule asks only its largest compliant value ({@link TopCompliant}); an AND
     * rule checks each host.
     */
    private boolean anotherHostViolates(int r, MoveScorer move, int destination) {
        if (topCompliant[r] != null) {
            int p = table.firstPart(r);
            double largestOther = topCompliant[r].largestExcept(source, destination);
            return !Double.isNaN(largestOther) && largestOther - move.averageAfter(p) > table.threshold(p);
        }
        for (int h = 0; h < partValues.length; h++) {
            if (h != source && h != destination && compliantNow[r][h] && move.violatedAfter(r, partValues[h])) {
                return true;
            }
        }
        return false;
    }
}
