package org.xcpbalancer.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.model.PlacementModel;
import org.xcpbalancer.simulator.model.SimClock;

/** The placement fields of a scenario: groups, ha, rollingUpgrade and the VM's passthrough, affinity, ... */
class ScenarioPlacementTest {
    private static final String HOSTS = "\"hosts\": [{\"name\": \"A\", \"cpus\": 4, \"memoryMb\": 8192, \"master\": true},"
            + " {\"name\": \"B\", \"cpus\": 4, \"memoryMb\": 8192}]";

    private static String pool(String vms, String more) {
        return "{\"pool\": \"P\", " + HOSTS + ", \"vms\": [" + vms + "]" + more + "}";
    }

    private static String vm(String name, String more) {
        return "{\"name\": \"" + name + "\", \"host\": \"A\", \"vcpus\": 1, \"memoryMb\": 256" + more + "}";
    }

    @Test
    void everyFieldIsRead() throws Exception {
        Scenario scenario = ScenarioLoader.parse(pool(vm("db1", ", \"haRestartPriority\": \"restart\", "
                + "\"affinity\": \"B\", \"passthrough\": \"vgpu\", \"currentOperation\": \"snapshot\"") + ","
                + vm("db2", ""), ", \"ha\": {\"hostFailuresToTolerate\": 1, \"allowOvercommit\": true},"
                + " \"rollingUpgrade\": true, \"groups\": [{\"name\": \"dbs\", \"placement\": \"anti_affinity\","
                + " \"members\": [\"db1\", \"db2\"]}]"), "p.json");
        assertThat(scenario.vm("db1").orElseThrow().placement())
                .isEqualTo(new VmPlacementSpec("vgpu", "B", "restart", "snapshot"));
        assertThat(scenario.vm("db2").orElseThrow().placement()).isEqualTo(VmPlacementSpec.NONE);
        PoolPlacementSpec placement = scenario.placement();
        assertThat(placement.haEnabled()).isTrue();
        assertThat(placement.haHostFailuresToTolerate()).isEqualTo(1);
        assertThat(placement.haAllowOvercommit()).isTrue();
        assertThat(placement.rollingUpgrade()).isTrue();
        assertThat(placement.groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("dbs");
            assertThat(g.placement()).isEqualTo("anti_affinity");
            assertThat(g.members()).isEqualTo(List.of("db1", "db2"));
            assertThat(g.uuid()).isEqualTo(ScenarioLoader.derivedUuid("P", "vm_group", "dbs"));
        });
    }

    @Test
    void withoutThemThePoolHasNoHaNoGroupsAndVmGroupsInItsXapi() throws Exception {
        Scenario scenario = ScenarioLoader.parse(pool(vm("v", ""), ""), "p.json");
        assertThat(scenario.placement()).isEqualTo(PoolPlacementSpec.NONE);
        assertThat(scenario.options().vmGroups()).isTrue();
    }

    @Test
    void theShippedPlacementScenarioHasAPlanForOneHostFailure() throws Exception {
        Scenario scenario = ScenarioLoader.builtin("placement-constraints");
        assertThat(scenario.placement().groups()).extracting(GroupSpec::name).containsExactly("databases");
        try (SimulatedPool pool = SimulatedPool.create(scenario, SimClock.realTime(), 1)) {
            PlacementModel placement = pool.model().placement();
            assertThat(placement.ha().enabled()).isTrue();
            assertThat(placement.haPlanExistsFor()).isEqualTo(1);
            assertThat(placement.haOvercommitted()).isFalse();
            assertThat(pool.model().vmByName("render").passthrough()).isEqualTo("vgpu");
            assertThat(pool.model().vmByName("reports").affinity().name()).isEqualTo("host-1");
            assertThat(pool.model().vmByName("backup").heldOperation()).isEqualTo("export");
        }
    }

    static Stream<Arguments> badScenarios() {
        return Stream.of(
                Arguments.of(pool(vm("v", ", \"passthrough\": \"usb\""), ""),
                        "p.json: vms[0].passthrough: must be \"pci\" or \"vgpu\", not \"usb\""),
                Arguments.of(pool(vm("v", ", \"affinity\": \"Z\""), ""), "p.json: vms[0].affinity: no host \"Z\""),
                Arguments.of(pool(vm("v", ", \"haRestartPriority\": \"always\""), ""),
                        "p.json: vms[0].haRestartPriority: must be \"restart\", \"best-effort\" or \"\", not \"always\""),
                Arguments.of(pool(vm("v", ", \"currentOperation\": \"Pool Migrate\""), ""),
                        "p.json: vms[0].currentOperation: not a VM operation name"),
                Arguments.of(pool(vm("v", ""), ", \"groups\": [{\"name\": \"g\", \"placement\": \"spread\"}]"),
                        "p.json: groups[0].placement: must be \"anti_affinity\" or \"normal\", not \"spread\""),
                Arguments.of(pool(vm("v", ""), ", \"groups\": [{\"name\": \"g\", \"members\": [\"w\"]}]"),
                        "p.json: groups[0].members: no VM \"w\""),
                Arguments.of(pool(vm("v", ""), ", \"groups\": [{\"name\": \"g\", \"members\": [\"v\"]},"
                        + " {\"name\": \"h\", \"members\": [\"v\"]}]"),
                        "p.json: groups[1].members: VM \"v\" is already in group \"g\" (XAPI allows one group per VM)"),
                Arguments.of(pool(vm("v", ""), ", \"groups\": [{\"name\": \"g\"}, {\"name\": \"g\"}]"),
                        "p.json: groups[1].name: duplicate group name \"g\""),
                Arguments.of(pool(vm("v", ""), ", \"ha\": {\"hostFailuresToTolerate\": 3}"),
                        "p.json: ha.hostFailuresToTolerate: must be an integer from 0 to 2, not 3"),
                Arguments.of(pool(vm("v", ""), ", \"ha\": {\"on\": true}"), "p.json: ha.on: unknown field"),
                Arguments.of(pool(vm("v", ""), ", \"options\": {\"vmGroups\": false}, \"groups\": [{\"name\": \"g\"}]"),
                        "p.json: groups: this pool's XAPI has no VM groups (options.vmGroups is false)"));
    }

    @ParameterizedTest
    @MethodSource("badScenarios")
    void oneLineNamingFileAndField(String json, String expectedMessage) {
        ScenarioException error = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.parse(json, "p.json"));
        assertThat(error).as("rejected").isNotNull();
        assertThat(error.getMessage()).startsWith(expectedMessage).doesNotContain("\n");
    }
}
