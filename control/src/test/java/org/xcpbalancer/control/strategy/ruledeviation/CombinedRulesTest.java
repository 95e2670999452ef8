package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleSubject;

/** The planner on AND and SCORE rules (issue 14), over hand-built snapshots of three 4-CPU 16 GB hosts. */
class CombinedRulesTest {
    private static final HostRule CPU_AND_MEMORY = HostRule.allOf(List.of(
            RulePart.of(RuleSubject.CpuAverage, 20), RulePart.of(RuleSubject.OccupiedMemoryPercent, 20)));
    private static final HostRule SCORE = HostRule.score(List.of(
            new RulePart.WeightedSubject(RuleSubject.CpuAverage, 0.7),
            new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, 0.3)), 15);

    /** HostA runs two VMs at 75 % CPU together; B and C one light VM each (5 %, 1 GB = 6.25 %). */
    private static SnapshotBuilder pool(long memoryOfEachVmOnA, HostRule rule) {
        return new SnapshotBuilder()
                .host("HostA", 4, 16384).host("HostB", 4, 16384).host("HostC", 4, 16384)
                .vm("a1", "HostA", 2, 100, memoryOfEachVmOnA)
                .vm("a2", "HostA", 2, 50, memoryOfEachVmOnA)
                .vm("b1", "HostB", 1, 20, 1024)
                .vm("c1", "HostC", 1, 20, 1024)
                .rule(rule);
    }

    private static MigrationPlan plan(SnapshotBuilder pool) {
        return TestSettings.plan(TestSettings.chain(), pool.build());
    }

    private static List<String> lines(MigrationPlan plan, DecisionAction action) {
        return plan.decisions().stream().filter(d -> d.action() == action).map(Decision::reason).toList();
    }

    @Test
    void anAndRuleWithOnlyItsCpuPartViolatedMovesNothing() {
        // HostA: CPU +46.7 points above the average, memory 12.5 % only +4.2.
        SnapshotBuilder onlyCpu = pool(1024, CPU_AND_MEMORY);
        MigrationPlan plan = plan(onlyCpu);

        assertThat(plan.moves()).isEmpty();
        assertThat(lines(plan, DecisionAction.BALANCED)).singleElement().asString().startsWith(
                "every host is within its rules: CpuAverage 20 AND OccupiedMemoryPercent 20 (CpuAverage average 28.3 %,"
                        + " highest host +46.7 points, threshold 20 points; OccupiedMemoryPercent average 8.3 %");
        // The same pool under the CPU part alone would move.
        assertThat(plan(pool(1024, new HostRule(RuleSubject.CpuAverage, 20))).moves()).isNotEmpty();
    }

    @Test
    void anAndRuleWithBothPartsViolatedGetsAMoveThatBringsAPartBackUnderAndBreaksNothing() {
        // HostA: 75 % CPU and 75 % memory (two 6 GB VMs), both more than 20 above the averages.
        SnapshotBuilder both = pool(6144, CPU_AND_MEMORY);
        PredictedPool before = PredictedPool.of(both.build());
        assertThat(before.violators(CPU_AND_MEMORY)).containsExactly(0);

        MigrationPlan plan = plan(both);

        assertThat(plan.moves()).hasSize(1);
        PlannedMove move = plan.moves().get(0);
        assertThat(move.sourceName()).isEqualTo("HostA");
        assertThat(move.rule()).isEqualTo(CPU_AND_MEMORY);
        assertThat(move.reason()).startsWith("HostA violates CpuAverage 20 AND OccupiedMemoryPercent 20: CpuAverage"
                + " 75.0 % is +46.7 points above the pool average 28.3 % (threshold 20 points) and OccupiedMemoryPercent"
                + " 75.0 % is +45.8 points above the pool average 29.2 % (threshold 20 points)")
                .contains("HostA's CpuAverage from 75.0 % to", "HostA's OccupiedMemoryPercent from 75.0 % to",
                        "HostA then keeps the rule", "no host newly violates a rule");
        // Memory (+45.8 of 20) is nearer to being back under than CPU (+46.7 of 20): the prediction is of it, and
        // the reason says so, for the migration log to measure the same part.
        assertThat(move.prediction().part().subject(0)).isEqualTo(RuleSubject.OccupiedMemoryPercent);
        assertThat(move.reason()).contains("; the predicted values logged are of OccupiedMemoryPercent, the part"
                + " nearest to being back under; HostA then keeps the rule");
        PredictedPool after = before.withMove(both.build().vms().stream()
                .filter(v -> v.name().equals(move.vmName())).findFirst().orElseThrow(), 0,
                before.indexOf(move.destinationUuid()));
        for (int h = 0; h < after.hostCount(); h++) {
            assertThat(after.violates(CPU_AND_MEMORY, h)).as(after.host(h).name()).isFalse();
        }
    }

    @Test
    void anAndViolationWaitsForTheHoldLikeAnyOther() {
        MigrationPlan plan = plan(pool(6144, CPU_AND_MEMORY).samples(3).violatingOnlyInNewest("HostA", 1));

        assertThat(plan.moves()).isEmpty();
        assertThat(lines(plan, DecisionAction.WAIT)).singleElement().asString()
                .startsWith("HostA violates CpuAverage 20 AND OccupiedMemoryPercent 20:")
                .endsWith("but only in 1 of the last 3 samples (control.holdSamples): waiting");
    }

    @Test
    void aScoreRuleIsPlannedOnTheWeightedAverageAndExplainedWithTheScoreBeforeAndAfter() {
        // HostA: score 0.7 × 75 + 0.3 × 12.5 = 56.25; B and C 0.7 × 5 + 0.3 × 6.25 = 5.375; average 22.3.
        MigrationPlan plan = plan(pool(1024, SCORE));

        assertThat(plan.moves()).hasSize(1);
        PlannedMove move = plan.moves().get(0);
        assertThat(move.sourceName()).isEqualTo("HostA");
        assertThat(move.prediction().part()).isEqualTo(SCORE.parts().get(0));
        assertThat(move.prediction().sourceBefore()).isCloseTo(56.25, within(1e-6));
        assertThat(move.prediction().averageBefore()).isCloseTo(22.333, within(1e-3));
        assertThat(move.prediction().sourceAfter() - move.prediction().averageAfter()).isLessThan(15);
        assertThat(move.prediction().destinationAfter() - move.prediction().averageAfter()).isLessThan(15);
        assertThat(move.reason()).startsWith("HostA violates SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15: its"
                + " score 56.3 % (CpuAverage 75.0 %, OccupiedMemoryPercent 12.5 %) is +33.9 points above the pool's average score 22.3 % (threshold 15 points)")
                .contains("HostA's score from 56.3 % to", "HostA then keeps the rule");
    }

    @Test
    void aScoreIsTheWeightedAverageAndItsImbalanceIsPredictedAsTheMovedPoolHasIt() {
        SnapshotBuilder builder = pool(1024, SCORE);
        PredictedPool pool = PredictedPool.of(builder.build());
        RulePart score = SCORE.parts().get(0);
        var a1 = builder.build().vms().stream().filter(v -> v.name().equals("a1")).findFirst().orElseThrow();

        assertThat(pool.value(score, 0)).isCloseTo(56.25, within(1e-9));
        assertThat(pool.average(score)).isCloseTo((56.25 + 5.375 * 2) / 3, within(1e-9));
        double predicted = pool.predict(a1, 0, 1, List.of(SCORE)).imbalance();
        assertThat(predicted).isCloseTo(pool.withMove(a1, 0, 1).imbalance(List.of(SCORE)), within(1e-9))
                .isLessThan(pool.imbalance(List.of(SCORE)));
    }

    @Test
    void aPlainRuleBesideAnAndRuleIsKeptByTheMoveThatFixesTheAndRule() {
        // Both rules fire on HostA; the plan may not leave any host over either of them.
        HostRule memory = new HostRule(RuleSubject.OccupiedMemoryPercent, 30);
        SnapshotBuilder both = pool(6144, CPU_AND_MEMORY).rule(memory);
        MigrationPlan plan = plan(both);

        assertThat(plan.moves()).isNotEmpty().allSatisfy(m -> assertThat(m.sourceName()).isEqualTo("HostA"));
        PredictedPool after = PredictedPool.of(both.build());
        for (PlannedMove move : plan.moves()) {
            var vm = both.build().vms().stream().filter(v -> v.name().equals(move.vmName())).findFirst().orElseThrow();
            after = after.withMove(vm, after.hostOf(vm.uuid()), after.indexOf(move.destinationUuid()));
        }
        for (int h = 0; h < after.hostCount(); h++) {
            assertThat(after.violates(CPU_AND_MEMORY, h)).as(after.host(h).name()).isFalse();
            assertThat(after.violates(memory, h)).as(after.host(h).name()).isFalse();
        }
    }
}
