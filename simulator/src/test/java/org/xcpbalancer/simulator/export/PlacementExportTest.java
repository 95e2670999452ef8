package org.xcpbalancer.simulator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmGroup;
import org.xcpbalancer.core.state.VmState;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/** A collected pool's placement facts survive the copy into a scenario. */
class PlacementExportTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static HostState host(String uuid, String name, Set<String> tags) {
        return new HostState(uuid, name, "10.0.0." + name.length(), 8, 8192L, 4096L, null, null, null, null, null, null,
                null, 20.0, true, true, NOW, NOW, tags);
    }

    private static VmState vm(String uuid, String name, String host, boolean migratable, String passthrough,
            String operation, String priority, String affinity, Set<String> groups) {
        return new VmState(uuid, name, host, 1024L, null, null, null, 10.0, 1, host == null ? "Halted" : "Running",
                false, Set.of(), NOW, NOW, migratable, passthrough, operation, priority, affinity, groups);
    }

    @Test
    void tagsDevicesHomeHostsGroupsAndHaAreCopied() throws Exception {
        PoolState state = new PoolState(new PoolRef(1, "p", "Prod", "10.0.0.1", Optional.of(NOW)),
                List.of(host("h1", "A", Set.of("xcp-balancer:label=ssd")), host("h2", "B", Set.of())),
                List.of(vm("v1", "db1", "h1", true, null, null, "restart", "h2", Set.of("g1")),
                        vm("v2", "db2", "h2", true, null, null, "restart", null, Set.of("g1")),
                        vm("v3", "gpu", "h1", false, "vgpu", null, "", null, Set.of()),
                        vm("v4", "busy", "h2", false, null, "pool_migrate", "", null, Set.of()),
                        vm("v5", "off", null, false, null, "export", "best-effort", null, Set.of())),
                List.of(new VmGroup("g1", "databases", "anti_affinity")), new PoolHa(true, 5, 1, false), true);

        PoolModel model = SimulatedPool.create(ScenarioLoader.parse(ScenarioExporter.toJson(state), "copy.json"),
                SimClock.realTime(), 1).model();

        assertThat(model.hostByName("A").tags()).containsExactly("xcp-balancer:label=ssd");
        assertThat(model.vmByName("db1").affinity().name()).isEqualTo("B");
        assertThat(model.vmByName("db1").haRestartPriority()).isEqualTo("restart");
        assertThat(model.vmByName("gpu").passthrough()).isEqualTo("vgpu");
        assertThat(model.vmByName("busy").heldOperation()).isEqualTo("pool_migrate");
        assertThat(model.vmByName("off").heldOperation()).as("a halted VM holds no operation").isNull();
        assertThat(model.placement().groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("databases");
            assertThat(g.placement()).isEqualTo("anti_affinity");
            assertThat(model.placement().members(g)).extracting(v -> v.name()).containsExactlyInAnyOrder("db1", "db2");
        });
        assertThat(model.placement().ha().enabled()).isTrue();
        assertThat(model.placement().ha().hostFailuresToTolerate()).as("at most the hosts there are").isEqualTo(2);
        assertThat(model.placement().rollingUpgrade()).isTrue();
    }
}
