package org.xcpbalancer.simulator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmState;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

class ScenarioExporterTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static HostState host(String uuid, String name, String ip, int cpus, long memoryMb) {
        return new HostState(uuid, name, ip, cpus, memoryMb, memoryMb / 2, null, null, null, null, null, null, null,
                50.0, true, true, NOW, NOW, Set.of());
    }

    private static VmState vm(String uuid, String name, String host, int vcpus, long memoryMb, Double vcpuPercent,
            String power, boolean dom0, Set<String> tags) {
        return new VmState(uuid, name, host, memoryMb, null, 2.0, 3.0, vcpuPercent, vcpus, power, dom0, tags, NOW, NOW,
                true, null, null, "", null, Set.of());
    }

    private static PoolState collectedPaperPool() {
        PoolRef pool = new PoolRef(1, "pool-uuid", "Main Pool", "10.0.0.2", Optional.of(NOW));
        return new PoolState(pool, List.of(host("h1", "Host1", "10.0.0.1", 4, 4069), host("h2", "Host2", "10.0.0.2", 4, 4069)),
                List.of(vm("v1", "VM1 - Debian", "h1", 2, 1024, 50.0, "Running", false, Set.of()),
                        vm("v2", "VM2 - Debian", "h2", 2, 256, 100.0, "Running", false, Set.of("xcp-balancer:ignore")),
                        vm("v3", "VM3 - Ubuntu", "h2", 3, 1024, 67.0, "Running", false, Set.of()),
                        vm("v4", "Old", null, 1, 512, null, "Halted", false, Set.of()),
                        vm("v5", "VM1 - Debian", "h1", 1, 128, 10.0, "Running", false, Set.of()),
                        vm("d1", "Control domain on host: Host1", "h1", 4, 800, 2.0, "Running", true, Set.of())),
                List.of(), PoolHa.DISABLED, false);
    }

    @Test
    void exportedPoolLoadsAsAScenarioWithTheSameShape() throws Exception {
        String json = ScenarioExporter.toJson(collectedPaperPool());
        Scenario scenario = ScenarioLoader.parse(json, "copy.json");
        PoolModel model = SimulatedPool.create(scenario, SimClock.realTime(), 1).model();

        assertThat(model.poolName()).isEqualTo("Main Pool (simulated copy)");
        assertThat(model.master().name()).as("the master is the host at the pool's master address").isEqualTo("Host2");
        assertThat(model.residentVms(model.hostByName("Host2"))).extracting(v -> v.name())
                .contains("VM2 - Debian", "VM3 - Ubuntu");
        assertThat(model.vmByName("VM2 - Debian").tags()).containsExactly("xcp-balancer:ignore");
        assertThat(model.vmByName("VM3 - Ubuntu").vcpus()).isEqualTo(3);
        assertThat(model.vmByName("Old").residentOn()).isNull();
        assertThat(model.vmByName("VM1 - Debian (2)")).as("duplicate names are made unique").isNotNull();
        // the copy's uuids are its own, so collecting it can never overwrite the real pool's rows
        assertThat(model.poolUuid()).isNotEqualTo("pool-uuid");
        assertThat(model.vmByName("VM3 - Ubuntu").uuid()).isNotEqualTo("v3");
    }

    @Test
    void measuredLoadBecomesTheVmsDemand() throws Exception {
        Scenario scenario = ScenarioLoader.parse(ScenarioExporter.toJson(collectedPaperPool()), "copy.json");
        PoolModel model = SimulatedPool.create(scenario, SimClock.realTime(), 1).model();
        double vm2 = model.vmLoad(model.vmByName("VM2 - Debian")).cpuPerVcpu()[0];
        double vm1 = model.vmLoad(model.vmByName("VM1 - Debian")).cpuPerVcpu()[0];
        assertThat(vm1).isEqualTo(0.5, Offset.offset(0.01));
        assertThat(vm2).isGreaterThan(0.9);
    }
}
