package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.state.RuleSubject;

/** Balancing moves a gathered affinity group as a whole, to a host that holds it all, or not at all. */
class AffinityCompanionsTest {
    private static final StrategyChain BALANCING = TestSettings.chain("control.strategies=rule-deviation",
            "control.maxMigrationsPerRun=4");

    private static List<String> moves(MigrationPlan plan) {
        return plan.moves().stream().map(PlannedMove::summary).toList();
    }

    @Test
    void aHotHostGivesAWholeAffinityPairToAHostThatHoldsBoth() {
        // Hot 70 % (App and Db 10 points each, Big 50), the others idle: Big alone would only move the problem.
        MigrationPlan plan = TestSettings.plan(BALANCING, new SnapshotBuilder()
                .host("Hot", 4, 32768).host("Cool1", 4, 32768).host("Cool2", 4, 32768)
                .vm("App", "Hot", 1, 40, 2048, "xcp-balancer:affinity=shop")
                .vm("Db", "Hot", 1, 40, 2048, "xcp-balancer:affinity=shop")
                .vm("Big", "Hot", 4, 50, 4096)
                .rule(RuleSubject.CpuAverage, 25).build());

        assertThat(moves(plan)).containsExactly("App: Hot -> Cool1", "Db: Hot -> Cool1");
        assertThat(plan.moves().get(1).reason()).startsWith("moves with App (their affinity group moves together)");
    }

    @Test
    void aPairNoHostCanHoldStaysTogether() {
        MigrationPlan plan = TestSettings.plan(BALANCING, new SnapshotBuilder()
                .host("Hot", 4, 32768).host("Small", 4, 3000).host("Tiny", 4, 3000)
                .vm("App", "Hot", 1, 40, 2048, "xcp-balancer:affinity=shop")
                .vm("Db", "Hot", 1, 40, 2048, "xcp-balancer:affinity=shop")
                .vm("Big", "Hot", 4, 50, 4096)
                .rule(RuleSubject.CpuAverage, 25).build());

        assertThat(plan.moves()).isEmpty();
    }

    @Test
    void aGroupLargerThanTheMoveBudgetLeftDoesNotMove() {
        MigrationPlan plan = TestSettings.plan(TestSettings.chain("control.strategies=rule-deviation",
                "control.maxMigrationsPerRun=1"), new SnapshotBuilder()
                .host("Hot", 4, 32768).host("Cool1", 4, 32768).host("Cool2", 4, 32768)
                .vm("App", "Hot", 1, 40, 2048, "xcp-balancer:affinity=shop")
                .vm("Db", "Hot", 1, 40, 2048, "xcp-balancer:affinity=shop")
                .vm("Big", "Hot", 4, 50, 4096)
                .rule(RuleSubject.CpuAverage, 25).build());

        assertThat(plan.moves()).isEmpty();
    }
}
