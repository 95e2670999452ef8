package org.xcpbalancer.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** xapi's failover planner on small hand-made pools (sizes in MB for readability). */
class HaPlannerTest {

    private static HaPlanner.Host host(String id, long freeMb) {
        return new HaPlanner.Host(id, freeMb);
    }

    private static HaPlanner.Vm vm(String id, long mb, String host) {
        return new HaPlanner.Vm(id, mb, host);
    }

    @Test
    void aPlanExistsWhenEveryFailedHostsVmsFitElsewhere() {
        List<HaPlanner.Host> hosts = List.of(host("A", 2000), host("B", 2000), host("C", 5000));
        List<HaPlanner.Vm> vms = List.of(vm("db1", 4000, "A"), vm("db2", 4000, "B"));
        assertThat(HaPlanner.planExists(hosts, vms, 3, 0)).isTrue();
        assertThat(HaPlanner.planExists(hosts, vms, 3, 1)).isTrue();
        // A and B both fail: C takes db1 and has 1000 left for db2.
        assertThat(HaPlanner.planExists(hosts, vms, 3, 2)).isFalse();
    }

    @Test
    void aRestartedVmFailsAgainWithItsNewHost() {
        // A fails: x goes to B (the most free). B fails next: x needs 3000 on C.
        List<HaPlanner.Vm> vms = List.of(vm("x", 3000, "A"));
        assertThat(HaPlanner.planExists(List.of(host("A", 0), host("B", 3500), host("C", 3200)), vms, 3, 2)).isTrue();
        assertThat(HaPlanner.planExists(List.of(host("A", 0), host("B", 3500), host("C", 2900)), vms, 3, 2)).isFalse();
        assertThat(HaPlanner.planExists(List.of(host("A", 0), host("B", 3500), host("C", 2900)), vms, 3, 1)).isTrue();
    }

    @Test
    void protectedVmsRunningNowhereArePlacedFirstOrThereIsNoPlanAtAll() {
        List<HaPlanner.Host> hosts = List.of(host("A", 3000), host("B", 3000));
        assertThat(HaPlanner.planExists(hosts, List.of(vm("lost", 2000, null)), 2, 0)).isTrue();
        assertThat(HaPlanner.planExists(hosts, List.of(vm("lost", 4000, null)), 2, 0)).isFalse();
        // A VM on a dead host (not among the live ones) counts as running nowhere: restarted on A, then A fails.
        List<HaPlanner.Host> uneven = List.of(host("A", 3000), host("B", 1000));
        assertThat(HaPlanner.planExists(uneven, List.of(vm("orphan", 2000, "dead")), 3, 0)).isTrue();
        assertThat(HaPlanner.planExists(uneven, List.of(vm("orphan", 2000, "dead")), 3, 1)).isFalse();
        assertThat(HaPlanner.planExists(uneven, List.of(vm("orphan", 1000, "dead")), 3, 1)).isTrue();
    }

    @Test
    void asManyFailuresAsLiveHostsNeverHasAPlanForProtectedVms() {
        List<HaPlanner.Host> hosts = List.of(host("A", 9000), host("B", 9000));
        assertThat(HaPlanner.planExists(hosts, List.of(vm("v", 10, "A")), 2, 2)).isFalse();
        assertThat(HaPlanner.planExists(hosts, List.of(), 2, 2)).isTrue();
        assertThat(HaPlanner.planExists(hosts, List.of(), 2, 3)).isFalse();
    }

    @Test
    void largePoolsUseTheConservativeApproximation() {
        // 40 hosts (> 32): the largest hosts fail with as many VMs as the fullest hosts carry, each as big as the
        // biggest VM. 40 hosts each with one 1000 MB VM and room for one more: 2 failures need 2 slots of 38.
        List<HaPlanner.Host> hosts = new ArrayList<>();
        List<HaPlanner.Vm> vms = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            hosts.add(host("h" + i, 1000));
            vms.add(vm("v" + i, 1000, "h" + i));
        }
        assertThat(HaPlanner.planExists(hosts, vms, 40, 2)).isTrue();
        List<HaPlanner.Host> full = hosts.stream().map(h -> host(h.id(), 999)).toList();
        assertThat(HaPlanner.planExists(full, vms, 40, 1)).isFalse();
    }

    @Test
    void biggestFitDecreasingPutsTheBiggestVmOnTheEmptiestHost() {
        Map<String, Long> free = new LinkedHashMap<>();
        free.put("A", 3000L);
        free.put("B", 5000L);
        Map<String, String> plan = HaPlanner.biggestFitDecreasing(
                List.of(vm("small", 1000, null), vm("big", 4000, null), vm("huge", 6000, null)), free);
        assertThat(plan).containsExactly(Map.entry("big", "B"), Map.entry("small", "A"));
    }
}
