package org.xcpbalancer.simulator.xapi;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.scenario.PowerState;

/**
 * The checks xapi makes before a VM power operation, in its order: xapi_vm_lifecycle.ml check_operation_error
 * (power state, other operations, template, snapshot, control domain), then xapi_vm_helpers.ml
 * assert_can_boot_here (host live, enabled, memory) for a start.
 */
final class VmPowerChecks {
    /** Operations hard_shutdown and hard_reboot may run beside (is_allowed_concurrently); they cancel them. */
    private static final Set<String> HARD_OPERATIONS = Set.of("hard_shutdown", "hard_reboot");

    private final XapiServices services;

    VmPowerChecks(XapiServices services) {
        this.services = services;
    }

    /**
     * check_operation_error for {@code operation}; {@code allowed} are the power states it needs, as
     * allowed_power_states lists them (their order is the error's "expected" parameter).
     */
    void checkOperation(SimVm vm, String operation, PowerState... allowed) throws XapiException {
        String vmRef = vmRef(vm);
        boolean ok = false;
        StringBuilder expected = new StringBuilder();
        for (PowerState state : allowed) {
            ok |= vm.powerState() == state;
            expected.append(expected.length() == 0 ? "" : ", ").append(lower(state));
        }
        if (!ok) {
            throw new XapiException(XapiErrorCodes.VM_BAD_POWER_STATE, vmRef, expected.toString(),
                    lower(vm.powerState()));
        }
        Map<String, String> current = services.migrations().currentOperations(vm.uuid());
        if (!current.isEmpty() && !HARD_OPERATIONS.contains(operation)) {
            Map.Entry<String, String> running = current.entrySet().iterator().next();
            throw new XapiException(XapiErrorCodes.OTHER_OPERATION_IN_PROGRESS, XapiClassNames.VM, vmRef,
                    running.getValue(), running.getKey());
        }
        if (vm.isTemplate()) {
            throw new XapiException(XapiErrorCodes.VM_IS_TEMPLATE, vmRef, operation);
        }
        if (vm.isSnapshot() && !operation.equals("hard_shutdown")) {
            throw new XapiException(XapiErrorCodes.VM_IS_SNAPSHOT, vmRef, operation);
        }
        if (vm.isControlDomain() && !operation.equals("start") && !operation.equals("start_on")) {
            throw new XapiException(XapiErrorCodes.OPERATION_NOT_ALLOWED,
                    "This operation is not allowed on a control domain");
        }
    }

    /** assert_can_boot_here: HOST_NOT_LIVE [], HOST_DISABLED [host], HOST_NOT_ENOUGH_FREE_MEMORY [needed, free]. */
    void assertCanBootHere(SimVm vm, SimHost host) throws XapiException {
        if (!host.live()) {
            throw new XapiException(XapiErrorCodes.HOST_NOT_LIVE);
        }
        if (!host.enabled()) {
            throw new XapiException(XapiErrorCodes.HOST_DISABLED, services.refs().ref(XapiClassNames.HOST, host.uuid()));
        }
        long free = services.model().hostFreeMemoryBytes(host);
        if (vm.memoryBytes() > free) {
            throw new XapiException(XapiErrorCodes.HOST_NOT_ENOUGH_FREE_MEMORY, Long.toString(vm.memoryBytes()),
                    Long.toString(free));
        }
    }

    /**
     * choose_host_for_vm for VM.start: the VM's affinity host if it can boot there, else the live enabled host
     * with the most free memory where it fits; when none has room, the roomiest live enabled host (whose
     * reservation then fails with HOST_NOT_ENOUGH_FREE_MEMORY, as xapi's retry without the memory check does);
     * NO_HOSTS_AVAILABLE when no host is live and enabled.
     */
    SimHost chooseHost(SimVm vm) throws XapiException {
        SimHost affinity = vm.affinity();
        if (affinity != null && canBootHere(vm, affinity)) {
            return affinity;
        }
        SimHost roomiest = services.model().hosts().stream().filter(h -> h.live() && h.enabled())
                .max(Comparator.comparingLong(h -> services.model().hostFreeMemoryBytes(h))).orElse(null);
        if (roomiest == null) {
            throw new XapiException(XapiErrorCodes.NO_HOSTS_AVAILABLE);
        }
        return roomiest;
    }

    private boolean canBootHere(SimVm vm, SimHost host) {
        try {
            assertCanBootHere(vm, host);
            return true;
        } catch (XapiException e) {
            return false;
        }
    }

    String vmRef(SimVm vm) {
        return services.refs().ref(XapiClassNames.VM, vm.uuid());
    }

    /** do_op_on: the master forwards the call to the VM's host, which must answer. */
    void requireHostReachable(SimHost host) throws XapiException {
        if (host != null && !host.reachable()) {
            throw new XapiException(XapiErrorCodes.HOST_OFFLINE, services.refs().ref(XapiClassNames.HOST, host.uuid()));
        }
    }

    private static String lower(PowerState state) {
        return state.xapiName().toLowerCase(Locale.ROOT);
    }
}
