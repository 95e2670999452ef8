package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.List;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.control.plan.SubjectValues;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmState;

/**
 * The words of the rule-deviation strategy's decisions, as printed and stored in ControlDecision. Kept apart from
 * the search so the texts users and docs rely on are in one place.
 */
final class DecisionTexts {
    private DecisionTexts() {
    }

    static String noRules(String poolName) {
        return "pool " + poolName + " has no rules (define them with xcp-manager): nothing to enforce";
    }

    /** "Host2 violates CpuAverage: 100.0 % is +37.0 points above the pool average 63.0 % (threshold 25 points)". */
    static String describe(Violation v) {
        RuleSubject s = v.rule().subject();
        return v.host().name() + " violates " + s + ": " + SubjectValues.format(s, v.value()) + " is "
                + SubjectValues.formatDelta(s, v.deviation()) + " above the pool average "
                + SubjectValues.format(s, v.average()) + " (threshold "
                + SubjectValues.formatThreshold(s, v.rule().threshold()) + ")";
    }

    static String waiting(Violation v, int violatingSamples, int holdSamples) {
        return describe(v) + ", but only in " + violatingSamples + " of the last " + holdSamples
                + " samples (control.holdSamples): waiting";
    }

    static String budgetSpent(int violations, int plannedMoves, int maxMigrationsPerRun) {
        return violations + " violation(s) remain after " + plannedMoves + " planned move(s), the most of one run"
                + " (control.maxMigrationsPerRun " + maxMigrationsPerRun + "): the next run continues";
    }

    static String nothingMoved(Violation v, String why) {
        return describe(v) + ", but nothing moved: " + why;
    }

    static String vmStays(VmState vm, HostState host, String refusal) {
        return vm.name() + " stays on " + host.name() + ": it " + refusal;
    }

    static String hostTakesNoVm(HostState host, String refusal) {
        return host.name() + " takes no VM: it " + refusal;
    }

    static String skipped(HostState destination, VmState vm, long availableMb) {
        return destination.name() + " skipped as destination of " + vm.name()
                + " although it would balance better: it has " + availableMb + " MB free memory, " + vm.name()
                + " needs " + vm.memoryMb() + " MB";
    }

    /** Why the move was chosen, with the predicted values (PlannedMove.reason and the MOVE decision). */
    static String moveReason(Violation v, int violatingSamples, VmState vm, double share, HostState target,
            Prediction prediction) {
        RuleSubject subject = v.rule().subject();
        return describe(v) + " in " + violatingSamples + " samples in a row; moving " + vm.name() + " (its share "
                + SubjectValues.formatAmount(subject, share) + ") to " + target.name() + " takes " + v.host().name()
                + " to " + SubjectValues.format(subject, prediction.sourceAfter()) + " and " + target.name() + " from "
                + SubjectValues.format(subject, prediction.destinationBefore()) + " to "
                + SubjectValues.format(subject, prediction.destinationAfter()) + " (average "
                + SubjectValues.format(subject, prediction.averageAfter()) + "); no host newly violates a rule";
    }

    static String balanced(PredictedPool pool, List<HostRule> rules) {
        List<String> parts = new ArrayList<>();
        for (HostRule rule : rules) {
            RuleSubject s = rule.subject();
            double average = pool.average(s);
            double worst = Double.NEGATIVE_INFINITY;
            for (int h = 0; h < pool.hostCount(); h++) {
                double value = pool.value(s, h);
                if (!Double.isNaN(value)) {
                    worst = Math.max(worst, value - average);
                }
            }
            parts.add(s + " (average " + SubjectValues.format(s, average) + ", highest host "
                    + (worst == Double.NEGATIVE_INFINITY ? "not measured" : SubjectValues.formatDelta(s, worst))
                    + ", threshold " + SubjectValues.formatThreshold(s, rule.threshold()) + ")");
        }
        return "every host is within its rules: " + String.join("; ", parts);
    }

    /** "a; b; c; d; e; ..." : at most five of the reasons. */
    static String firstFive(List<String> reasons) {
        return String.join("; ", reasons.stream().limit(5).toList()) + (reasons.size() > 5 ? "; ..." : "");
    }
}
