package org.xcpbalancer.collector.read;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the placement facts out of the object graph ({@link PlacementObservation}). Pure, like
 * {@link PoolReader}: no XAPI calls.
 */
public final class PlacementReader {
    /** pool.other_config key xapi sets while a rolling pool upgrade is in progress. */
    static final String ROLLING_UPGRADE_KEY = "rolling_upgrade_in_progress";

    private PlacementReader() {
    }

    public static PlacementObservation observe(ObjectGraph graph) {
        Pool.Record pool = graph.pools.values().iterator().next();
        Map<String, Set<String>> hostTags = new HashMap<>();
        graph.hosts.values().forEach(h -> hostTags.put(h.uuid, h.tags == null ? Set.of() : Set.copyOf(h.tags)));
        Map<String, String> powerOnModes = new HashMap<>();
        graph.hosts.values().forEach(h -> powerOnModes.put(h.uuid, h.powerOnMode == null ? "" : h.powerOnMode));

        Map<String, String> vmUuidsByRef = new HashMap<>();
        List<PlacementObservation.Vm> vms = new ArrayList<>();
        graph.vms.forEach((ref, vm) -> {
            if (Boolean.TRUE.equals(vm.isATemplate) || Boolean.TRUE.equals(vm.isASnapshot)) {
                return;
            }
            vmUuidsByRef.put(ref, vm.uuid);
            vms.add(vm(graph, vm));
        });

        List<PlacementObservation.Group> groups = new ArrayList<>();
        graph.vmGroups.values().forEach(g -> {
            Set<String> members = new HashSet<>();
            g.vmRefs().forEach(ref -> {
                if (vmUuidsByRef.containsKey(ref)) {
                    members.add(vmUuidsByRef.get(ref));
                }
            });
            groups.add(new PlacementObservation.Group(g.uuid(), g.name(), g.placement(), members));
        });

        return new PlacementObservation(Boolean.TRUE.equals(pool.haEnabled), orZero(pool.haHostFailuresToTolerate),
                orZero(pool.haPlanExistsFor), Boolean.TRUE.equals(pool.haAllowOvercommit),
                pool.otherConfig != null && pool.otherConfig.containsKey(ROLLING_UPGRADE_KEY), hostTags, powerOnModes,
                groups, vms);
    }

    private static PlacementObservation.Vm vm(ObjectGraph graph, VM.Record vm) {
        boolean migratable = vm.allowedOperations != null && vm.allowedOperations.contains(Types.VmOperations.POOL_MIGRATE);
        String passthrough = vm.attachedPCIs != null && !vm.attachedPCIs.isEmpty() ? "pci"
                : vm.VGPUs != null && !vm.VGPUs.isEmpty() ? "vgpu" : null;
        String operation = vm.currentOperations == null || vm.currentOperations.isEmpty() ? null
                : vm.currentOperations.values().stream().map(String::valueOf).sorted().findFirst().orElse(null);
        Host.Record affinity = graph.hosts.get(ObjectGraph.ref(vm.affinity));
        return new PlacementObservation.Vm(vm.uuid, migratable, passthrough, operation,
                vm.haRestartPriority == null ? "" : vm.haRestartPriority, affinity == null ? null : affinity.uuid);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
