package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.core.state.VmGroup;
import org.xcpbalancer.core.state.VmState;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.model.PlacementModel;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimVmGroup;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Placement facts from XAPI (through the real SDK and the simulator) into a real MariaDB and back out as
 * {@link PoolState}: host tags, VM groups and members, allowed operations, passthrough, current operations,
 * affinity, HA settings and rolling upgrade — and their changes between collections.
 */
@ExtendWith(MariaDbExtension.class)
class PlacementCollectionTest {
    private static final String POOL = """
            {"pool": "Placement Pool",
             "ha": {"enabled": true, "hostFailuresToTolerate": 1},
             "hosts": [{"name": "A", "cpus": 8, "memoryMb": 8192, "master": true, "tags": ["xcp-balancer:label=ssd"]},
                       {"name": "B", "cpus": 8, "memoryMb": 8192, "tags": ["xcp-balancer:label=ssd", "rack-2"]},
                       {"name": "C", "cpus": 8, "memoryMb": 8192}],
             "vms": [{"name": "db1", "host": "A", "vcpus": 2, "memoryMb": 4000, "haRestartPriority": "restart"},
                     {"name": "db2", "host": "B", "vcpus": 2, "memoryMb": 4000, "haRestartPriority": "restart"},
                     {"name": "web", "host": "C", "vcpus": 1, "memoryMb": 1000, "affinity": "C",
                      "haRestartPriority": "best-effort", "tags": ["xcp-balancer:prefer=ssd"]},
                     {"name": "gpu", "host": "A", "vcpus": 1, "memoryMb": 512, "passthrough": "vgpu"},
                     {"name": "nic", "host": "B", "vcpus": 1, "memoryMb": 512, "passthrough": "pci"},
                     {"name": "busy", "host": "C", "vcpus": 1, "memoryMb": 512, "currentOperation": "snapshot"},
                     {"name": "spare", "powerState": "Halted", "vcpus": 1, "memoryMb": 512}],
             "groups": [{"name": "databases", "placement": "anti_affinity", "members": ["db1", "db2"]}]}
            """;

    private static PoolState load(Database database) {
        PoolStateRepository repository = new PoolStateRepository(database);
        return repository.load(repository.pool("Placement Pool").orElseThrow());
    }

    @Test
    void everyPlacementFactReachesPoolState(TestDatabase database) throws Exception {
        try (RunningSimulator simulator = SimulatedPool.start(POOL, SimulatorOptions.defaults())) {
            CollectionResult result = OneCollection.collect(SimulatedPool.xapi(simulator), database.database());
            assertThat(result.outcome()).isEqualTo(CollectionResult.Outcome.SUCCESS);
            assertThat(result.xapiRequests()).isEqualTo(1 + 6 + 1 + 3 + 1);
        }
        PoolState state = load(database.database());

        assertThat(state.ha()).isEqualTo(new PoolHa(true, 1, 1, false));
        assertThat(state.rollingUpgrade()).isFalse();
        assertThat(state.findHost("A").orElseThrow().tags()).containsExactly("xcp-balancer:label=ssd");
        assertThat(state.findHost("B").orElseThrow().tags()).containsExactlyInAnyOrder("xcp-balancer:label=ssd", "rack-2");
        assertThat(state.findHost("C").orElseThrow().tags()).isEmpty();
        assertThat(state.hosts()).allSatisfy(h -> assertThat(h.powerOnMode()).isEmpty());

        assertThat(state.groups()).extracting(VmGroup::name, VmGroup::placement)
                .containsExactly(tuple("databases", "anti_affinity"));
        VmGroup databases = state.groups().get(0);
        assertThat(databases.antiAffinity()).isTrue();
        VmState db1 = state.findVm("db1").orElseThrow();
        assertThat(db1.groupUuids()).containsExactly(databases.uuid());
        assertThat(state.findVm("db2").orElseThrow().groupUuids()).containsExactly(databases.uuid());
        assertThat(db1.haRestartPriority()).isEqualTo("restart");
        assertThat(db1.migratable()).isTrue();
        assertThat(db1.passthrough()).isNull();
        assertThat(db1.currentOperation()).isNull();
        assertThat(db1.affinityHostUuid()).isNull();

        VmState web = state.findVm("web").orElseThrow();
        assertThat(web.affinityHostUuid()).isEqualTo(state.findHost("C").map(HostState::uuid).orElseThrow());
        assertThat(web.haRestartPriority()).isEqualTo("best-effort");
        assertThat(web.groupUuids()).isEmpty();
        assertThat(web.tags()).containsExactly("xcp-balancer:prefer=ssd");

        VmState gpu = state.findVm("gpu").orElseThrow();
        assertThat(gpu.migratable()).isFalse();
        assertThat(gpu.passthrough()).isEqualTo("vgpu");
        VmState nic = state.findVm("nic").orElseThrow();
        assertThat(nic.migratable()).isFalse();
        assertThat(nic.passthrough()).isEqualTo("pci");
        VmState busy = state.findVm("busy").orElseThrow();
        assertThat(busy.migratable()).isFalse();
        assertThat(busy.currentOperation()).isEqualTo("snapshot");
        assertThat(state.findVm("spare").orElseThrow().migratable()).isFalse(); // halted: no pool_migrate
        assertThat(state.vms().stream().filter(VmState::controlDomain)).allSatisfy(dom0 -> {
            assertThat(dom0.migratable()).isFalse();
            assertThat(dom0.haRestartPriority()).isEmpty();
        });
    }

    @Test
    void changesBetweenCollectionsAreFollowed(TestDatabase database) throws Exception {
        Database store = database.database();
        try (RunningSimulator simulator = SimulatedPool.start(POOL, SimulatorOptions.defaults())) {
            OneCollection.collect(SimulatedPool.xapi(simulator), store);
            PoolModel model = simulator.model();
            PlacementModel placement = model.placement();
            placement.setHostTags(model.hostByName("B"), List.of("rack-2"));
            placement.setHostTags(model.hostByName("C"), List.of("xcp-balancer:label=ssd"));
            SimVmGroup front = placement.createGroup("front", "", SimVmGroup.NORMAL);
            placement.setVmGroups(model.vmByName("web"), List.of(front));
            placement.setVmGroups(model.vmByName("db2"), List.of());
            placement.setHeldOperation(model.vmByName("busy"), null);
            placement.setAffinity(model.vmByName("web"), null);
            placement.setHa(new PlacementModel.HaSettings(true, 2, false));
            placement.setRollingUpgrade(true);
            model.power().setPowerOnMode(model.hostByName("C"), "wake-on-lan", Map.of());
            OneCollection.collect(SimulatedPool.xapi(simulator), store);
        }
        PoolState state = load(store);

        // Density mode powers off only hosts host.power_on can wake again (V9 Host.PowerOnMode).
        assertThat(state.findHost("C").orElseThrow().powerOnMode()).isEqualTo("wake-on-lan");
        assertThat(state.findHost("C").orElseThrow().canBeWoken()).isTrue();
        assertThat(state.findHost("B").orElseThrow().canBeWoken()).isFalse();

        assertThat(state.findHost("B").orElseThrow().tags()).containsExactly("rack-2");
        assertThat(state.findHost("C").orElseThrow().tags()).containsExactly("xcp-balancer:label=ssd");
        Map<String, String> groupNames = new HashMap<>();
        state.groups().forEach(g -> groupNames.put(g.uuid(), g.name()));
        assertThat(groupNames.values()).containsExactlyInAnyOrder("databases", "front");
        assertThat(state.findVm("web").orElseThrow().groupUuids()).extracting(groupNames::get).containsExactly("front");
        assertThat(state.findVm("db2").orElseThrow().groupUuids()).isEmpty();
        assertThat(state.findVm("db1").orElseThrow().groupUuids()).extracting(groupNames::get).containsExactly("databases");
        assertThat(state.findVm("busy").orElseThrow().currentOperation()).isNull();
        assertThat(state.findVm("busy").orElseThrow().migratable()).isTrue();
        assertThat(state.findVm("web").orElseThrow().affinityHostUuid()).isNull();
        // Two failures tolerated is more than this pool can plan for: xapi keeps ha_plan_exists_for at 1.
        assertThat(state.ha()).isEqualTo(new PoolHa(true, 2, 1, false));
        assertThat(state.rollingUpgrade()).isTrue();

        try (RunningSimulator simulator = SimulatedPool.start(POOL, SimulatorOptions.defaults())) {
            simulator.model().placement().destroyGroup(simulator.model().placement().groups().get(0));
            OneCollection.collect(SimulatedPool.xapi(simulator), store);
        }
        PoolState after = load(store);
        assertThat(after.groups()).isEmpty();
        assertThat(after.vms()).allSatisfy(vm -> assertThat(vm.groupUuids()).isEmpty());
    }

    @Test
    void aPoolWhoseXapiHasNoVmGroupsIsCollectedWithoutThem(TestDatabase database) throws Exception {
        String xcpng82 = """
                {"pool": "Placement Pool", "options": {"vmGroups": false},
                 "hosts": [{"name": "A", "cpus": 4, "memoryMb": 8192, "master": true}],
                 "vms": [{"name": "web", "host": "A", "vcpus": 1, "memoryMb": 1000}]}
                """;
        try (RunningSimulator simulator = SimulatedPool.start(xcpng82, SimulatorOptions.defaults())) {
            CollectionResult result = OneCollection.collect(SimulatedPool.xapi(simulator), database.database());
            assertThat(result.outcome()).isEqualTo(CollectionResult.Outcome.SUCCESS);
        }
        PoolState state = load(database.database());
        assertThat(state.groups()).isEmpty();
        assertThat(state.findVm("web").orElseThrow().migratable()).isTrue();
        assertThat(state.ha()).isEqualTo(PoolHa.DISABLED);
    }
}
