package org.xcpbalancer.control;

import java.util.ArrayList;
import java.util.List;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.log.ControlRunLog.Outcome;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.power.PowerExecutor;
import org.xcpbalancer.core.cli.ExitCode;

/**
 * A control run's outcome (stored in ControlRun.Outcome), its one-line summary and its exit code, from its plan,
 * its moves and its host power actions (a failed power action counts as a failed migration).
 */
final class RunSummary {
    private RunSummary() {
    }

    /** The run's exit code: stale data when blocked, else the moves' code, a failed power action as a failed move. */
    static ExitCode exitCode(MigrationPlan plan, MigrationExecutor.Report report, PowerExecutor.Result power) {
        if (plan.blocked()) {
            return ExitCode.STALE_DATA;
        }
        return power.failed() > 0 ? ExitCode.MIGRATION_FAILED : report.exitCode();
    }

    static Outcome outcome(MigrationPlan plan, MigrationExecutor.Report report, PowerExecutor.Result power) {
        Outcome moves = outcome(plan, report);
        return power.failed() > 0 && moves != Outcome.BLOCKED ? Outcome.FAILED : moves;
    }

    /** The moves' summary, then what the power actions did ("Power: power on Host3."). */
    static String summary(MigrationPlan plan, MigrationExecutor.Report report, PowerExecutor.Result power) {
        if (power.none()) {
            return summary(plan, report);
        }
        List<String> parts = new ArrayList<>();
        if (!power.taken().isEmpty()) {
            parts.add(String.join(", ", power.taken()));
        }
        if (power.failed() > 0) {
            parts.add(power.failed() + " not taken (failed)");
        }
        if (power.fenced() > 0) {
            parts.add(power.fenced() + " not sent (the lease is lost)");
        }
        String moves = report.outcomes().isEmpty() ? "No migration." : summary(plan, report);
        return moves + " Power: " + String.join("; ", parts) + ".";
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
