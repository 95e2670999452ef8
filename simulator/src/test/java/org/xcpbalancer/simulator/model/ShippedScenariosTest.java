package org.xcpbalancer.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/** The large shipped pools have the shape docs/simulator-scenarios.md promises. */
class ShippedScenariosTest {
    private static final long GIB = 1024L * 1024 * 1024;
    private final ManualClock clock = SimClock.manual(Instant.parse("2026-01-01T12:00:00Z"));

    @Test
    void sixteenHostPoolIsSkewedWithRoomToMove() throws Exception {
        PoolModel model = SimulatedPool.create(ScenarioLoader.builtin("pool-16-hosts-400-vms"), clock, 1).model();
        List<SimHost> hosts = model.hosts();
        assertThat(hosts).hasSize(16);
        assertThat(model.vms()).filteredOn(SimVm::isGuest).hasSize(400);
        double sum = 0;
        for (SimHost host : hosts) {
            double cpu = model.hostLoad(host).cpuAvg();
            sum += cpu;
            if (List.of("host-01", "host-02", "host-03").contains(host.name())) {
                assertThat(cpu).as(host.name()).isEqualTo(1.0);
                // Overloaded, not hopelessly: a handful of moves per host brings it down.
                double demand = model.residentVms(host).stream().filter(SimVm::isGuest)
                        .mapToDouble(v -> v.vcpus() * model.vmCpuDemand(v)).sum();
                assertThat(demand / host.cpuCount()).as(host.name() + " demand").isBetween(1.05, 1.5);
            } else {
                assertThat(cpu).as(host.name()).isBetween(0.15, 0.70);
            }
            assertThat(model.hostFreeMemoryBytes(host)).as(host.name()).isGreaterThan(32 * GIB);
        }
        assertThat(sum / hosts.size()).isBetween(0.40, 0.55);
        assertThat(model.vms()).filteredOn(v -> v.isGuest() && v.residentOn() == null).hasSize(20);
    }

    @Test
    void sixtyFourHostPoolHasItsSize() throws Exception {
        PoolModel model = SimulatedPool.create(ScenarioLoader.builtin("pool-64-hosts-2000-vms"), clock, 1).model();
        assertThat(model.hosts()).hasSize(64);
        assertThat(model.vms()).filteredOn(SimVm::isGuest).hasSize(2000);
        assertThat(model.vms()).filteredOn(v -> v.isGuest() && v.residentOn() == null).hasSize(108);
        assertThat(model.vms()).filteredOn(SimVm::isControlDomain).hasSize(64);
        assertThat(model.hosts()).extracting(SimHost::address).doesNotHaveDuplicates()
                .contains("127.0.0.1", "127.0.0.64");
    }
}
