package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.plan.PoolFixtures.host;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleSubject;

class ViolationTest {
    @Test
    void violationsAreOrderedByDeviationInUnitsOfTheirThreshold() {
        // CPU: average 50, A +40 (1.6 thresholds of 25); memory: average 10000 MB, B +6000 (3 thresholds of 2000)
        PredictedPool pool = PredictedPool.of(List.of(
                host("A", 4, 90, 16000, 10000), host("B", 4, 30, 16000, 0), host("C", 4, 30, 16000, 8000),
                host("D", 4, 50, 16000, 6000)), List.of(), Map.of());
        HostRule cpu = new HostRule(RuleSubject.CpuAverage, 25);
        HostRule memory = new HostRule(RuleSubject.OccupiedMemoryMb, 2000);

        List<Violation> all = Violation.all(pool, List.of(cpu, memory));

        assertThat(all).extracting(v -> v.host().name() + " " + v.rule().subject()).containsExactly(
                "B OccupiedMemoryMb", "A CpuAverage");
        assertThat(all.get(0).severity()).isEqualTo(3.0);
        assertThat(all.get(1).deviation()).isEqualTo(40.0);
        assertThat(all.get(1).key()).isEqualTo(new Violation(cpu, 0, all.get(1).host(), 1, 0).key());
    }
}
