package org.xcpbalancer.control.strategy.constraintrepair;

import org.xcpbalancer.core.constraints.ConstraintStatus;

/** The words of the constraint-repair strategy's decisions, as printed and stored in ControlDecision. */
final class RepairTexts {
    private RepairTexts() {
    }

    /** "repairs anti-affinity group 'web' (tag): Web1, Web2 share Host1; Host2 runs no other member". */
    static String repairs(ConstraintStatus status, String how) {
        return "repairs " + status.constraint().title() + ": " + status.detail() + "; " + how;
    }

    /** "anti-affinity group 'web' (tag) cannot be met: Web1, Web2, Web3 share Host1; no host may take Web3 (...)". */
    static String cannotBeMet(ConstraintStatus status, String why) {
        return status.constraint().title() + " cannot be met: " + status.detail() + "; " + why;
    }

    static String waiting(String vmName, String hostName, int settled, int holdSamples) {
        return vmName + " breaks a constraint on " + hostName + ", but ran there in only " + settled + " of the last "
                + holdSamples + " samples (control.holdSamples): waiting";
    }

    static String budgetSpent(int broken, int plannedMoves, int maxMigrationsPerRun) {
        return broken + " constraint(s) still broken after " + plannedMoves + " planned move(s), the most of one run"
                + " (control.maxMigrationsPerRun " + maxMigrationsPerRun + "): the next run continues";
    }
}
