package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.plan.PoolFixtures.host;
import static org.xcpbalancer.control.plan.PoolFixtures.vm;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmState;

/** The texts docs/control.md quotes, word for word. */
class DecisionTextsTest {
    private static final HostRule CPU_25 = new HostRule(RuleSubject.CpuAverage, 25);
    private final HostState host1 = host("Host1", 4, 26, 16384, 8000);
    private final HostState host2 = host("Host2", 4, 100, 16384, 8000);
    private final Violation violation = new Violation(CPU_25, 1, host2, 100.0, 63.0);

    @Test
    void aViolationIsDescribedWithValueDeviationAverageAndThreshold() {
        assertThat(DecisionTexts.describe(violation)).isEqualTo(
                "Host2 violates CpuAverage: 100.0 % is +37.0 points above the pool average 63.0 % (threshold 25 points)");
        assertThat(DecisionTexts.waiting(violation, 1, 3)).endsWith(
                ", but only in 1 of the last 3 samples (control.holdSamples): waiting");
    }

    @Test
    void aMoveReasonGivesTheShareAndThePredictedValues() {
        VmState vm2 = vm("VM2 - Debian", host2, 2, 99.75, 2048);
        String reason = DecisionTexts.moveReason(violation, 3, vm2, 49.875, host1,
                new Prediction(100.0, 50.125, 26.0, 75.875, 63.0, 63.0));
        assertThat(reason).isEqualTo("Host2 violates CpuAverage: 100.0 % is +37.0 points above the pool average 63.0 % "
                + "(threshold 25 points) in 3 samples in a row; moving VM2 - Debian (its share 49.9 points) to Host1 "
                + "takes Host2 to 50.1 % and Host1 from 26.0 % to 75.9 % (average 63.0 %); no host newly violates a rule");
    }

    @Test
    void budgetSkipAndBalancedTexts() {
        assertThat(DecisionTexts.budgetSpent(2, 2, 2)).isEqualTo("2 violation(s) remain after 2 planned move(s), the "
                + "most of one run (control.maxMigrationsPerRun 2): the next run continues");
        VmState db = vm("Db", host2, 2, 50, 2048);
        assertThat(DecisionTexts.skipped(host1, db, 784)).isEqualTo(
                "Host1 skipped as destination of Db although it would balance better: it has 784 MB free memory, Db needs 2048 MB");
        PredictedPool pool = PredictedPool.of(List.of(host1, host1WithLoad(40)), List.of(), Map.of());
        assertThat(DecisionTexts.balanced(pool, List.of(CPU_25))).isEqualTo("every host is within its rules: "
                + "CpuAverage (average 33.0 %, highest host +7.0 points, threshold 25 points)");
    }

    @Test
    void atMostFiveReasonsAreListed() {
        assertThat(DecisionTexts.firstFive(List.of("a", "b"))).isEqualTo("a; b");
        assertThat(DecisionTexts.firstFive(List.of("a", "b", "c", "d", "e", "f"))).isEqualTo("a; b; c; d; e; ...");
    }

    private static HostState host1WithLoad(double cpuPercent) {
        return host("Host3", 4, cpuPercent, 16384, 8000);
    }
}
