package org.xcpbalancer.control.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.control.plan.Eligibility;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleSubject;

/**
 * What an evacuation move predicts under an AND or SCORE rule: values of one named part of the rule, so the
 * migration log can later measure the same quantity (a score as a score, not as its first subject).
 */
class EvacuationPredictionTest {
    private static final StrategyChain CHAIN = TestSettings.chain();

    /** HostA, to be evacuated, runs one busy 4 GB VM (CPU 50 %, memory 25 %); B and C a light 1 GB one each. */
    private static PoolSnapshot pool(HostRule rule) {
        return new SnapshotBuilder()
                .host("HostA", 4, 16384).host("HostB", 4, 16384).host("HostC", 4, 16384)
                .vm("a1", "HostA", 2, 100, 4096)
                .vm("b1", "HostB", 1, 20, 1024)
                .vm("c1", "HostC", 1, 20, 1024)
                .rule(rule).build();
    }

    private static PlannedMove evacuateHostA(PoolSnapshot snapshot) {
        Eligibility gate = Eligibility.of(snapshot, CHAIN.policy());
        HostState hostA = snapshot.hosts().stream().filter(h -> h.name().equals("HostA")).findFirst().orElseThrow();
        EvacuationPlan plan = new EvacuationPlanner(CHAIN.policy()).plan(snapshot, gate,
                CHAIN.placementFor(snapshot, gate), hostA, null);
        assertThat(plan.moves()).hasSize(1);
        return plan.moves().get(0);
    }

    @Test
    void aScoreRulesEvacuationPredictsTheScore() {
        RulePart score = new RulePart(List.of(new RulePart.WeightedSubject(RuleSubject.CpuAverage, 0.7),
                new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, 0.3)), 40);
        PoolSnapshot snapshot = pool(new HostRule(HostRule.Form.SCORE, List.of(score)));
        PlannedMove move = evacuateHostA(snapshot);

        PredictedPool before = PredictedPool.of(snapshot);
        int hostA = before.indexOf(move.sourceUuid());
        assertThat(move.prediction().part()).isEqualTo(score);
        assertThat(move.prediction().sourceBefore()).isCloseTo(before.value(score, hostA), within(1e-9))
                .isNotCloseTo(before.value(RuleSubject.CpuAverage, hostA), within(1.0));
    }

    @Test
    void anAndRulesEvacuationPredictsItsFirstPartAndNamesIt() {
        RulePart cpu = RulePart.of(RuleSubject.CpuAverage, 40);
        PoolSnapshot snapshot = pool(HostRule.allOf(List.of(cpu, RulePart.of(RuleSubject.OccupiedMemoryPercent, 40))));
        PlannedMove move = evacuateHostA(snapshot);

        assertThat(move.prediction().part()).isEqualTo(cpu);
        assertThat(move.prediction().sourceBefore()).isCloseTo(50.0, within(1e-9));
        assertThat(move.reason()).endsWith("; the predicted values logged are of CpuAverage");
    }
}
