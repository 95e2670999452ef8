package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.xcpbalancer.control.plan.MoveOutcome;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.control.plan.SubjectValues;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PredictedPart;
import org.xcpbalancer.core.state.RulePart;
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

    /**
     * "Host2 violates CpuAverage: 100.0 % is +37.0 points above the pool average 63.0 % (threshold 25 points)";
     * an AND rule names each part ("... violates CpuAverage 25 AND OccupiedMemoryPercent 20: CpuAverage 80.0 %
     * is +30.0 points above the pool average 50.0 % (threshold 25 points) and OccupiedMemoryPercent ..."), a
     * score its value and its subjects' ("... violates SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15: its
     * score 71.0 % (CpuAverage 80.0 %, OccupiedMemoryPercent 50.0 %) is +21.0 points above the pool's average
     * score 50.0 % (threshold 15 points)").
     */
    static String describe(Violation v) {
        HostRule rule = v.rule();
        if (rule.single()) {
            RuleSubject s = rule.subject();
            return v.host().name() + " violates " + s + ": " + SubjectValues.format(s, v.value()) + " is "
                    + SubjectValues.formatDelta(s, v.deviation()) + " above the pool average "
                    + SubjectValues.format(s, v.average()) + " (threshold "
                    + SubjectValues.formatThreshold(s, rule.threshold()) + ")";
        }
        List<String> parts = new ArrayList<>();
        for (Violation.PartValue part : v.parts()) {
            parts.add(partAbove(part));
        }
        return v.host().name() + " violates " + rule.text() + ": " + String.join(" and ", parts);
    }

    /** "CpuAverage 80.0 % is +30.0 points above the pool average 50.0 % (threshold 25 points)", or a score's. */
    private static String partAbove(Violation.PartValue partValue) {
        RulePart part = partValue.part();
        double value = partValue.value();
        double average = partValue.average();
        String above = " is " + SubjectValues.formatDelta(part, value - average) + " above the pool";
        String threshold = " (threshold " + SubjectValues.formatThreshold(part, part.threshold()) + ")";
        if (part.single()) {
            return part.subject(0) + " " + SubjectValues.format(part, value) + above + " average "
                    + SubjectValues.format(part, average) + threshold;
        }
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < part.weights().size(); i++) {
            subjects.add(part.subject(i) + " " + SubjectValues.format(part.subject(i), partValue.subjectValues().get(i)));
        }
        return "its score " + SubjectValues.format(part, value) + " (" + String.join(", ", subjects) + ")" + above
                + "'s average score "
                + SubjectValues.format(part, average) + threshold;
    }

    /** The rule as named in texts: the subject of a single rule, else the rule as typed. */
    static String ruleName(HostRule rule) {
        return rule.single() ? rule.subject().name() : rule.text();
    }

    /**
     * A host's predicted values of every part of the rule: "63.0 %, +37.0 points above the average 50.0 %
     * (CpuAverage threshold 25 points)", joined by "and" for an AND rule.
     */
    static String partsAfter(HostRule rule, ToDoubleFunction<RulePart> value, ToDoubleFunction<RulePart> average) {
        List<String> parts = new ArrayList<>();
        for (RulePart part : rule.parts()) {
            double v = value.applyAsDouble(part);
            double a = average.applyAsDouble(part);
            parts.add(SubjectValues.format(part, v) + ", " + SubjectValues.formatDelta(part, v - a)
                    + " above the average " + SubjectValues.format(part, a) + " (" + part.name() + " threshold "
                    + SubjectValues.formatThreshold(part, part.threshold()) + ")");
        }
        return String.join(" and ", parts);
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

    /**
     * An AND or SCORE move: every part's value on the source and the destination before and after, and the
     * part's average after ("moving VM to Host1 takes Host2's CpuAverage from 80.0 % to 55.0 % and Host1's from
     * 20.0 % to 45.0 % (average 50.0 %), Host2's OccupiedMemoryPercent from ..."; a score: "Host2's score from ...").
     * An AND move also names the part its predicted values are of, which the migration log measures it by.
     */
    static String combinedMoveReason(Violation v, int violatingSamples, VmState vm, PredictedPool pool,
            int destination, MoveOutcome after) {
        HostState target = pool.host(destination);
        List<String> effects = new ArrayList<>();
        for (RulePart part : v.rule().parts()) {
            effects.add(v.host().name() + "'s " + (part.single() ? part.subject(0).name() : "score") + " from "
                    + SubjectValues.format(part, pool.value(part, v.hostIndex())) + " to "
                    + SubjectValues.format(part, after.sourceAfter(part)) + " and " + target.name() + "'s from "
                    + SubjectValues.format(part, pool.value(part, destination)) + " to "
                    + SubjectValues.format(part, after.destinationAfter(part)) + " (average "
                    + SubjectValues.format(part, after.averageAfter(part)) + ")");
        }
        boolean fixed = !v.rule().violatedBy(p -> after.sourceAfter(p) - after.averageAfter(p));
        return describe(v) + " in " + violatingSamples + " samples in a row; moving " + vm.name() + " to "
                + target.name() + " takes " + String.join(", ", effects)
                + (v.rule().form() == HostRule.Form.AND
                        ? "; " + PredictedPart.clause(v.part()) + ", the part nearest to being back under" : "") + "; " + v.host().name()
                + (fixed ? " then keeps the rule" : " is then less far into the rule")
                + "; no host newly violates a rule";
    }

    static String balanced(PredictedPool pool, List<HostRule> rules) {
        List<String> parts = new ArrayList<>();
        for (HostRule rule : rules) {
            List<String> partTexts = new ArrayList<>();
            for (RulePart part : rule.parts()) {
                double average = pool.average(part);
                double worst = Double.NEGATIVE_INFINITY;
                for (int h = 0; h < pool.hostCount(); h++) {
                    double value = pool.value(part, h);
                    if (!Double.isNaN(value)) {
                        worst = Math.max(worst, value - average);
                    }
                }
                partTexts.add((rule.single() ? "" : part.name() + " ") + "average "
                        + SubjectValues.format(part, average) + ", highest host "
                        + (worst == Double.NEGATIVE_INFINITY ? "not measured" : SubjectValues.formatDelta(part, worst))
                        + ", threshold " + SubjectValues.formatThreshold(part, part.threshold()));
            }
            parts.add(ruleName(rule) + " (" + String.join("; ", partTexts) + ")");
        }
        return "every host is within its rules: " + String.join("; ", parts);
    }

    /** "a; b; c; d; e; ..." : at most five of the reasons. */
    static String firstFive(List<String> reasons) {
        return String.join("; ", reasons.stream().limit(5).toList()) + (reasons.size() > 5 ? "; ..." : "");
    }
}
