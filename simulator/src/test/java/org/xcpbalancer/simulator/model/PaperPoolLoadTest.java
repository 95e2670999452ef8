package org.xcpbalancer.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/** The original paper's pool gives the numbers docs/simulator-scenarios.md states. */
class PaperPoolLoadTest {
    private final ManualClock clock = SimClock.manual(Instant.parse("2026-01-01T12:00:00Z"));

    private PoolModel paperPool() throws Exception {
        return SimulatedPool.create(ScenarioLoader.builtin("paper-unbalanced"), clock, 1).model();
    }

    @Test
    void host1IsAQuarterLoadedPlusItsControlDomain() throws Exception {
        PoolModel model = paperPool();
        HostLoad host1 = model.hostLoad(model.hostByName("Host1"));
        // VM1: 2 vCPUs × 0.50 = 1 core; dom0: 4 vCPUs × 0.01 = 0.04 core; over 4 cores.
        assertThat(host1.cpuAvg()).isCloseTo(0.26, within(1e-12));
        assertThat(host1.cpuPerCore()).hasSize(4).containsOnly(0.26);
    }

    @Test
    void host2IsSaturatedAndItsGuestsAreScaledDown() throws Exception {
        PoolModel model = paperPool();
        HostLoad host2 = model.hostLoad(model.hostByName("Host2"));
        assertThat(host2.cpuAvg()).isEqualTo(1.0);
        double scale = 4.0 / (2 * 1.00 + 3 * 0.67);
        VmLoad vm2 = model.vmLoad(model.vmByName("VM2 - Debian"));
        VmLoad vm3 = model.vmLoad(model.vmByName("VM3 - Ubuntu"));
        assertThat(vm2.cpuPerVcpu()).hasSize(2).containsOnly(scale);
        assertThat(vm2.cpuAvg() * 100).isCloseTo(99.75, within(0.01));
        assertThat(vm3.cpuPerVcpu()).hasSize(3).containsOnly(0.67 * scale);
        VmLoad vm1 = model.vmLoad(model.vmByName("VM1 - Debian"));
        assertThat(vm1.cpuPerVcpu()).containsOnly(0.5);
    }
}
