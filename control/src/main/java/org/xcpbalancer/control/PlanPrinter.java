package org.xcpbalancer.control;

import java.time.Duration;
import java.util.stream.Collectors;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PlannedPowerAction;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.control.plan.SubjectValues;
import org.xcpbalancer.core.settings.DurationFormat;

/** The plan as --dry-run prints it: each move with its predicted before/after values and reason, then every decision. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    /** "Pool NAME: 2 hosts, 3 running VMs, data 30s old; rules: CpuAverage 25 points", the first line of a run. */
    static String header(PoolSnapshot snapshot) {
        String age = snapshot.dataAge().map(a -> DurationFormat.format(Duration.ofSeconds(Math.max(0, a.toSeconds())))
                + " old").orElse("never collected");
        String rules = snapshot.rules().isEmpty() ? "none" : snapshot.rules().stream()
                .map(r -> r.single() ? r.subject() + " " + SubjectValues.formatThreshold(r.subject(), r.threshold())
                        : r.text())
                .collect(Collectors.joining(", "));
        return "Pool " + snapshot.poolName() + ": " + snapshot.hosts().size() + " hosts, "
                + snapshot.vms().stream().filter(v -> v.running() && !v.controlDomain()).count()
                + " running VMs, data " + age + "; rules: " + rules;
    }

    static String render(MigrationPlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("Plan (strategy ").append(plan.strategy()).append("): ");
        if (plan.blocked()) {
            out.append("blocked, nothing decided\n");
        } else if (plan.moves().isEmpty()) {
            out.append("no migration\n");
        } else {
            out.append(plan.moves().size()).append(" migration(s)\n");
        }
        int n = 1;
        for (PlannedMove move : plan.moves()) {
            if (move.rule() == null || move.prediction() == null) {
                out.append("  ").append(n++).append(". ").append(move.summary()).append('\n');
                out.append("     why: ").append(move.reason()).append('\n');
                continue;
            }
            Prediction p = move.prediction();
            RulePart part = p.part() != null ? p.part() : move.rule().parts().get(0);
            out.append("  ").append(n++).append(". ").append(move.summary()).append(" for ")
                    .append(move.rule().single() ? part.name() : move.rule().text());
            if (move.rule().single()) {
                out.append(" (threshold ").append(SubjectValues.formatThreshold(part, part.threshold())).append(')');
            }
            out.append('\n');
            out.append("     predicted").append(move.rule().single() ? "" : " " + part.name()).append(": ")
                    .append(move.sourceName()).append(' ')
                    .append(SubjectValues.format(part, p.sourceBefore())).append(" -> ")
                    .append(SubjectValues.format(part, p.sourceAfter())).append(", ").append(move.destinationName())
                    .append(' ').append(SubjectValues.format(part, p.destinationBefore())).append(" -> ")
                    .append(SubjectValues.format(part, p.destinationAfter())).append(", pool average ")
                    .append(SubjectValues.format(part, p.averageBefore())).append(" -> ")
                    .append(SubjectValues.format(part, p.averageAfter())).append('\n');
            out.append("     why: ").append(move.reason()).append('\n');
        }
        if (!plan.powerActions().isEmpty()) {
            out.append("Power actions after the migrations:\n");
            for (PlannedPowerAction action : plan.powerActions()) {
                out.append("  ").append(action.summary()).append('\n');
            }
        }
        out.append("Decisions:\n");
        for (Decision decision : plan.decisions()) {
            out.append("  ").append(decision.line()).append('\n');
        }
        return out.toString();
    }
}
