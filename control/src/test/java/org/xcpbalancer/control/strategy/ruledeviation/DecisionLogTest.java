package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.plan.PoolFixtures.host;

import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.RuleSubject;

class DecisionLogTest {
    private static final HostRule CPU_25 = new HostRule(RuleSubject.CpuAverage, 25);
    private final HostState host = host("Host2", 4, 100, 16384, 8000);

    @Test
    void exclusionsAndWaitsAreRecordedOnceEachAndOtherDecisionsAlways() {
        DecisionLog log = new DecisionLog();
        assertThat(log.anyWaiting()).isFalse();
        for (int pass = 0; pass < 3; pass++) {
            log.excludeVmOnce(CPU_25, host.uuid(), "uuid-vm", "vm stays");
            log.excludeHostOnce("uuid-host", "host takes no VM");
            log.waitOnce(new Violation(CPU_25, 0, host, 100.0 - pass, 60.0), "waiting");
            log.add(Decision.of(DecisionAction.WAIT, "budget"));
        }
        assertThat(log.anyWaiting()).isTrue();
        assertThat(log.decisions()).extracting(Decision::reason)
                .containsExactly("vm stays", "host takes no VM", "waiting", "budget", "budget", "budget");
    }
}
