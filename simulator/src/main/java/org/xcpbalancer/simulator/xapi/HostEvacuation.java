package org.xcpbalancer.simulator.xapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;

/**
 * xapi_host.ml compute_evacuation_plan_no_wlb: where each running guest of a host would go, or why it cannot.
 * Targets are the other enabled hosts. With none, every guest gets NO_HOSTS_AVAILABLE [vm]; with HA on, a guest
 * that is not protected gets HOST_EVACUATE_VM_NOT_HA_PROTECTED [vm]; a protected guest must pass
 * assert_can_boot_here (without the memory check) on every target; pool_migrate's own checks on the VM
 * (VM_HAS_PCI_ATTACHED, VM_HAS_VGPU, OTHER_OPERATION_IN_PROGRESS, ...) apply to all; the rest are packed
 * biggest-fit-decreasing by memory (binpack.ml) and those left over get HOST_NOT_ENOUGH_FREE_MEMORY [vm].
 * Anti-affinity spreading (compute_anti_aff_evac_plan) is not modelled.
 */
final class HostEvacuation {

    /** Per guest: the target host, or the error [code, params...] that prevents its evacuation. */
    record Plan(Map<SimVm, SimHost> moves, Map<SimVm, List<String>> errors) {
    }

    private HostEvacuation() {
    }

    static Plan compute(XapiServices services, SimHost host) {
        List<SimHost> targets = new ArrayList<>();
        for (SimHost other : services.model().hosts()) {
            if (other != host && other.enabled()) {
                targets.add(other);
            }
        }
        Map<SimVm, List<String>> errors = new LinkedHashMap<>();
        List<SimVm> guests = new ArrayList<>();
        for (SimVm vm : services.model().residentVms(host)) {
            if (vm.isGuest()) {
                guests.add(vm);
            }
        }
        if (targets.isEmpty()) {
            guests.forEach(vm -> errors.put(vm, List.of(XapiErrorCodes.NO_HOSTS_AVAILABLE, ref(services, vm))));
            return new Plan(Map.of(), errors);
        }
        boolean haOn = services.model().placement().ha().enabled();
        List<SimVm> movable = new ArrayList<>();
        for (SimVm vm : guests) {
            if (haOn && !vm.haAlwaysRun()) {
                errors.put(vm, List.of(XapiErrorCodes.HOST_EVACUATE_VM_NOT_HA_PROTECTED, ref(services, vm)));
            } else if (targets.stream().anyMatch(target -> !target.live())) {
                errors.put(vm, List.of(XapiErrorCodes.HOST_NOT_LIVE));
            } else {
                movable.add(vm);
            }
        }
        for (SimVm vm : guests) {
            XapiException refusal = services.migrations().vmRefusal(vm);
            if (refusal != null) {
                errors.put(vm, refusal.errorDescription());
                movable.remove(vm);
            }
        }
        Map<SimHost, Long> free = new LinkedHashMap<>();
        targets.forEach(target -> free.put(target, services.model().hostFreeMemoryBytes(target)));
        movable.sort(Comparator.comparingLong(SimVm::memoryBytes).reversed());
        Map<SimVm, SimHost> moves = new LinkedHashMap<>();
        for (SimVm vm : movable) {
            SimHost roomiest = free.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            if (free.get(roomiest) < vm.memoryBytes()) {
                errors.put(vm, List.of(XapiErrorCodes.HOST_NOT_ENOUGH_FREE_MEMORY, ref(services, vm)));
            } else {
                free.merge(roomiest, -vm.memoryBytes(), Long::sum);
                moves.put(vm, roomiest);
            }
        }
        return new Plan(moves, errors);
    }

    private static String ref(XapiServices services, SimVm vm) {
        return services.refs().ref(XapiClassNames.VM, vm.uuid());
    }
}
