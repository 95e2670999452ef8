package org.xcpbalancer.simulator.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmState;

/**
 * Turns a pool as last collected into a simulator scenario, so rules can be tried on a copy of a production pool
 * (docs/simulator-scenarios.md). The copy gets its own name and derived uuids on purpose: collected into the same
 * database it can never overwrite the real pool's rows.
 */
public final class ScenarioExporter {
    /** Appended to the pool name of the copy. */
    public static final String COPY_SUFFIX = " (simulated copy)";
    /** What a VM whose CPU was not measured is assumed to demand, per vCPU. */
    public static final double UNMEASURED_VCPU_LOAD = 0.0;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScenarioExporter() {
    }

    public static String toJson(PoolState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("pool", state.pool().name() + COPY_SUFFIX);
        Map<String, String> hostNames = uniqueHostNames(state.hosts());
        String masterUuid = masterUuid(state);

        ArrayNode hosts = root.putArray("hosts");
        Map<String, ObjectNode> hostNodes = new HashMap<>();
        for (HostState host : state.hosts()) {
            ObjectNode node = hosts.addObject();
            hostNodes.put(host.uuid(), node);
            node.put("name", hostNames.get(host.uuid()));
            node.put("cpus", host.cpuNum() == null || host.cpuNum() < 1 ? 1 : host.cpuNum());
            node.put("memoryMb", host.memoryTotalMb() == null || host.memoryTotalMb() < 1 ? 1024 : host.memoryTotalMb());
            if (host.uuid().equals(masterUuid)) {
                node.put("master", true);
            }
            if (!host.enabled()) {
                node.put("enabled", false);
            }
            controlDomain(state, host).ifPresent(dom0 -> {
                if (dom0.vcpuNum() != null && dom0.vcpuNum() > 0) {
                    node.put("controlDomainVcpus", dom0.vcpuNum());
                    node.put("controlDomainCpu", share(dom0.vcpuAverage()));
                }
                if (dom0.memoryMb() != null && dom0.memoryMb() > 0 && host.memoryTotalMb() != null
                        && dom0.memoryMb() < host.memoryTotalMb()) {
                    node.put("controlDomainMemoryMb", dom0.memoryMb());
                }
            });
        }

        ArrayNode vms = root.putArray("vms");
        Map<String, Integer> seenVmNames = new HashMap<>();
        Map<String, ObjectNode> vmNodes = new HashMap<>();
        Map<String, String> vmNames = new HashMap<>();
        for (VmState vm : state.vms()) {
            if (vm.controlDomain()) {
                continue;
            }
            ObjectNode node = vms.addObject();
            vmNodes.put(vm.uuid(), node);
            vmNames.put(vm.uuid(), unique(vm.name() == null ? vm.uuid() : vm.name(), seenVmNames));
            node.put("name", vmNames.get(vm.uuid()));
            boolean running = vm.running() && vm.hostUuid() != null && hostNames.containsKey(vm.hostUuid());
            if (running) {
                node.put("host", hostNames.get(vm.hostUuid()));
            } else {
                node.put("powerState", "Halted");
            }
            node.put("vcpus", vm.vcpuNum() == null || vm.vcpuNum() < 1 ? 1 : vm.vcpuNum());
            node.put("memoryMb", vm.memoryMb() == null || vm.memoryMb() < 1 ? 256 : vm.memoryMb());
            node.put("cpu", share(vm.vcpuAverage()));
            if (vm.memoryInternalFreeMb() != null && vm.memoryMb() != null && vm.memoryInternalFreeMb() <= vm.memoryMb()) {
                node.put("memoryInternalFreeMb", vm.memoryInternalFreeMb());
            }
            if (vm.vif0RxKb() != null) {
                node.put("vifRxKbps", vm.vif0RxKb());
            }
            if (vm.vif0TxKb() != null) {
                node.put("vifTxKbps", vm.vif0TxKb());
            }
            if (!vm.tags().isEmpty()) {
                ArrayNode tags = node.putArray("tags");
                vm.tags().stream().sorted().forEach(tags::add);
            }
        }
        PlacementExport.write(state, root, hostNodes, hostNames, vmNodes, vmNames);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the scenario", e);
        }
    }

    /** The host whose address is the pool's master address; else the first host. */
    private static String masterUuid(PoolState state) {
        String master = state.pool().masterAddress();
        return state.hosts().stream().filter(h -> master != null && master.equals(h.ip())).map(HostState::uuid)
                .findFirst().orElse(state.hosts().isEmpty() ? null : state.hosts().get(0).uuid());
    }

    private static Optional<VmState> controlDomain(PoolState state, HostState host) {
        return state.vmsOn(host.uuid()).stream().filter(VmState::controlDomain).findFirst();
    }

    /** VcpuAverage is percent per vCPU; the scenario wants a share 0..1. */
    private static double share(Double vcpuAveragePercent) {
        if (vcpuAveragePercent == null || !Double.isFinite(vcpuAveragePercent)) {
            return UNMEASURED_VCPU_LOAD;
        }
        return Math.round(Math.min(100, Math.max(0, vcpuAveragePercent)) * 100) / 10_000.0;
    }

    private static Map<String, String> uniqueHostNames(List<HostState> hosts) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (HostState host : hosts) {
            names.put(host.uuid(), unique(host.name() == null ? host.uuid() : host.name(), seen));
        }
        return names;
    }

    /** Real pools allow duplicate names; scenarios do not: the second "web" becomes "web (2)". */
    private static String unique(String name, Map<String, Integer> seen) {
        int count = seen.merge(name, 1, Integer::sum);
        return count == 1 ? name : name + " (" + count + ")";
    }
}
