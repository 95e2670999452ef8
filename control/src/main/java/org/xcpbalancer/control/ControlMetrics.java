package org.xcpbalancer.control;

import java.util.Objects;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.core.metrics.BalancerMetrics;

/**
 * A control run's result as metrics: its outcome, its migrations' outcomes and the hosts breaking a rule. Public for
 * xcp-service, whose metrics label every series with the pool.
 */
public final class ControlMetrics {
    private ControlMetrics() {
    }

    public static void record(BalancerMetrics metrics, String poolName, ControlService.RunResult result) {
        if (result.plan() != null && poolName != null) {
            // A host breaking a rule is one the plan moves from, waits on, or finds no allowed move for.
            long hosts = result.plan().decisions().stream()
                    .filter(d -> d.rule() != null && (d.action() == DecisionAction.MOVE
                            || d.action() == DecisionAction.WAIT || d.action() == DecisionAction.NO_MOVE))
                    .map(Decision::hostUuid).filter(Objects::nonNull).distinct().count();
            metrics.violations(poolName, (int) hosts);
        }
        if (result.report() != null) {
            for (MigrationExecutor.Outcome migration : result.report().outcomes()) {
                metrics.migration(poolName, migration.state().dbValue());
            }
        }
        // counted last: a scrape that sees the run sees its violations and migrations too
        metrics.controlRun(poolName, result.outcome().dbValue());
    }
}
