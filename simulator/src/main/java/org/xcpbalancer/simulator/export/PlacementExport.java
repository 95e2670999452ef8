package org.xcpbalancer.simulator.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmGroup;
import org.xcpbalancer.core.state.VmState;

/**
 * The placement facts of a collected pool in its scenario copy: host tags, a VM's passthrough, home host, HA
 * priority and current operation, VM groups, HA and rolling upgrade (docs/simulator-scenarios.md, Placement).
 * What a scenario cannot hold is left out: a second group of a VM, an operation on a VM that is not running.
 */
final class PlacementExport {
    private PlacementExport() {
    }

    /**
     * @param hostNodes host uuid -> its scenario entry; {@code hostNames} host uuid -> scenario name
     * @param vmNodes   guest uuid -> its scenario entry; {@code vmNames} guest uuid -> scenario name
     */
    static void write(PoolState state, ObjectNode root, Map<String, ObjectNode> hostNodes, Map<String, String> hostNames,
            Map<String, ObjectNode> vmNodes, Map<String, String> vmNames) {
        for (HostState host : state.hosts()) {
            if (!host.tags().isEmpty()) {
                ArrayNode tags = hostNodes.get(host.uuid()).putArray("tags");
                host.tags().stream().sorted().forEach(tags::add);
            }
        }
        for (VmState vm : state.vms()) {
            ObjectNode node = vmNodes.get(vm.uuid());
            if (node == null) {
                continue;
            }
            if ("pci".equals(vm.passthrough()) || "vgpu".equals(vm.passthrough())) {
                node.put("passthrough", vm.passthrough());
            }
            if (vm.affinityHostUuid() != null && hostNames.containsKey(vm.affinityHostUuid())) {
                node.put("affinity", hostNames.get(vm.affinityHostUuid()));
            }
            if ("restart".equals(vm.haRestartPriority()) || "best-effort".equals(vm.haRestartPriority())) {
                node.put("haRestartPriority", vm.haRestartPriority());
            }
            boolean running = node.has("host");
            if (running && vm.currentOperation() != null && vm.currentOperation().matches("[a-z][a-z_]*")) {
                node.put("currentOperation", vm.currentOperation());
            }
        }
        if (state.ha().enabled()) {
            ObjectNode ha = root.putObject("ha");
            ha.put("enabled", true);
            ha.put("hostFailuresToTolerate", Math.max(0, Math.min(state.ha().hostFailuresToTolerate(), state.hosts().size())));
            ha.put("allowOvercommit", state.ha().allowOvercommit());
        }
        if (state.rollingUpgrade()) {
            root.put("rollingUpgrade", true);
        }
        groups(state, root, vmNames);
    }

    private static void groups(PoolState state, ObjectNode root, Map<String, String> vmNames) {
        if (state.groups().isEmpty()) {
            return;
        }
        ArrayNode groups = root.putArray("groups");
        Map<String, Integer> seen = new HashMap<>();
        Set<String> grouped = new HashSet<>();
        for (VmGroup group : state.groups()) {
            String name = group.name() == null || group.name().isBlank() ? group.uuid() : group.name();
            int count = seen.merge(name, 1, Integer::sum);
            name = count == 1 ? name : name + " (" + count + ")";
            ObjectNode node = groups.addObject();
            node.put("name", name);
            node.put("placement", group.antiAffinity() ? VmGroup.ANTI_AFFINITY : VmGroup.NORMAL);
            ArrayNode members = node.putArray("members");
            state.vms().stream().filter(vm -> vm.groupUuids().contains(group.uuid()) && vmNames.containsKey(vm.uuid()))
                    .filter(vm -> grouped.add(vm.uuid())).forEach(vm -> members.add(vmNames.get(vm.uuid())));
        }
    }
}
