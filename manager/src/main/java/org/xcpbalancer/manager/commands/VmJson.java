package org.xcpbalancer.manager.commands;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmState;

/** A VM for --format json: every column, null when not measured. */
final class VmJson {
    private VmJson() {
    }

    static Map<String, Object> of(VmState vm, PoolState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", vm.uuid());
        json.put("name", vm.name());
        json.put("powerState", vm.powerState());
        json.put("controlDomain", vm.controlDomain());
        json.put("hostUuid", vm.hostUuid());
        json.put("hostName", vm.hostUuid() == null ? null : state.host(vm.hostUuid()).map(HostState::name).orElse(null));
        json.put("memoryMb", vm.memoryMb());
        json.put("memoryInternalFreeMb", vm.memoryInternalFreeMb());
        json.put("vif0TxKb", vm.vif0TxKb());
        json.put("vif0RxKb", vm.vif0RxKb());
        json.put("vcpuAverage", vm.vcpuAverage());
        json.put("vcpuNum", vm.vcpuNum());
        json.put("tags", vm.tags().stream().sorted().toList());
        json.put("groups", state.groups().stream().filter(g -> vm.groupUuids().contains(g.uuid()))
                .map(g -> Map.of("uuid", g.uuid(), "name", g.name(), "placement", g.placement())).toList());
        json.put("constraints", ConstraintView.of(vm, state));
        json.put("migratable", vm.migratable());
        json.put("passthrough", vm.passthrough());
        json.put("currentOperation", vm.currentOperation());
        json.put("haRestartPriority", vm.haRestartPriority());
        json.put("affinityHostUuid", vm.affinityHostUuid());
        json.put("metricsAt", vm.metricsAt() == null ? null : vm.metricsAt().toString());
        return json;
    }
}
