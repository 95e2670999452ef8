package org.xcpbalancer.control;

import java.util.ArrayList;
import java.util.List;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.log.ControlRunLog.Outcome;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.MigrationPlan;

/** A control run's outcome (stored in ControlRun.Outcome) and its one-line summary, from its plan and its moves. */
final class RunSummary {
    private RunSummary() {
    }

    static Outcome outcome(MigrationPlan plan, MigrationExecutor.Report report) {
        if (plan.blocked()) {
            return Outcome.BLOCKED;
        }
        if (plan.paused() && report.outcomes().isEmpty()) {
            return Outcome.PAUSED;
        }
        if (plan.frozen() && report.outcomes().isEmpty()) {
            return Outcome.FROZEN;
        }
        if (report.count(MigrationState.FAILED) > 0) {
            return Outcome.FAILED;
        }
        if (report.count(MigrationState.TIMEOUT) > 0) {
            return Outcome.TIMEOUT;
        }
        if (report.count(MigrationState.SUCCEEDED) > 0) {
            return Outcome.MIGRATED;
        }
        return plan.violationSeen() ? Outcome.WAITING : Outcome.BALANCED;
    }

    static String summary(MigrationPlan plan, MigrationExecutor.Report report) {
        if (plan.blocked()) {
            return "Blocked: " + plan.decisions().stream().filter(d -> d.action() == DecisionAction.BLOCKED)
                    .map(Decision::reason).findFirst().orElse("nothing decided");
        }
        if (plan.paused() && report.outcomes().isEmpty()) {
            return "Paused: " + plan.decisions().get(0).reason();
        }
        if (plan.frozen() && report.outcomes().isEmpty()) {
            return "Frozen: " + plan.decisions().get(0).reason();
        }
        if (plan.decisions().isEmpty() && report.outcomes().isEmpty()) {
            return "No migration.";
        }
        if (report.outcomes().isEmpty()) {
            return plan.violationSeen() ? "No migration: see the decisions above." : "Balanced: no migration needed.";
        }
        List<String> parts = new ArrayList<>();
        for (MigrationState state : MigrationState.values()) {
            long n = report.count(state);
            if (n > 0) {
                parts.add(n + " " + state.dbValue());
            }
        }
        return "Migrations: " + String.join(", ", parts) + ".";
    }
}
