package org.xcpbalancer.simulator.xapi.task;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.xapi.ObjectRefs;
import org.xcpbalancer.simulator.xapi.XapiClassNames;
import org.xcpbalancer.simulator.xapi.XapiErrorCodes;
import org.xcpbalancer.simulator.xapi.XapiException;

/**
 * The checks xapi makes before VM.pool_migrate starts, in xapi's order (message_forwarding.ml pool_migrate:
 * xapi_vm_lifecycle.ml check_operation_error, then reserve_memory_for_vm: assert_can_boot_here and
 * check_vm_preserves_ha_plan), and a count of every refusal by error code, so tests can assert that XAPI refused
 * nothing. Called under the migration service's lock.
 */
final class MigrationChecks {
    private final PoolModel model;
    private final ObjectRefs refs;
    private final Map<String, Long> refusals = new TreeMap<>();

    MigrationChecks(PoolModel model, ObjectRefs refs) {
        this.model = model;
        this.refs = refs;
    }

    /** Throws the error xapi would answer; {@code currentOperations} are the VM's (task ref -> operation). */
    void check(SimVm vm, SimHost destination, Map<String, String> currentOperations) throws XapiException {
        try {
            checkInOrder(vm, destination, currentOperations);
        } catch (XapiException e) {
            synchronized (refusals) {
                refusals.merge(e.code(), 1L, Long::sum);
            }
            throw e;
        }
    }

    private void checkInOrder(SimVm vm, SimHost destination, Map<String, String> currentOperations)
            throws XapiException {
        checkVm(vm, currentOperations);
        checkDestination(vm, destination);
    }

    /** The VM's own checks (xapi_vm_lifecycle.ml get_operation_error for pool_migrate), without counting. */
    void checkVm(SimVm vm, Map<String, String> currentOperations) throws XapiException {
        String vmRef = refs.ref(XapiClassNames.VM, vm.uuid());
        if (vm.isTemplate() || vm.isSnapshot()) {
            throw new XapiException(XapiErrorCodes.VM_IS_TEMPLATE, vmRef);
        }
        if (vm.isControlDomain()) {
            throw new XapiException(XapiErrorCodes.OPERATION_NOT_ALLOWED, "Operations on control domain are not allowed");
        }
        if (!currentOperations.isEmpty()) {
            Map.Entry<String, String> running = currentOperations.entrySet().iterator().next();
            throw new XapiException(XapiErrorCodes.OTHER_OPERATION_IN_PROGRESS, XapiClassNames.VM, vmRef,
                    running.getValue(), running.getKey());
        }
        if (vm.powerState() != PowerState.RUNNING) {
            throw new XapiException(XapiErrorCodes.VM_BAD_POWER_STATE, vmRef, "running",
                    vm.powerState().xapiName().toLowerCase(Locale.ROOT));
        }
        if ("pci".equals(vm.passthrough())) {
            throw new XapiException(XapiErrorCodes.VM_HAS_PCI_ATTACHED, vmRef);
        }
        if ("vgpu".equals(vm.passthrough())) {
            throw new XapiException(XapiErrorCodes.VM_HAS_VGPU, vmRef);
        }
    }

    private void checkDestination(SimVm vm, SimHost destination) throws XapiException {
        String hostRef = refs.ref(XapiClassNames.HOST, destination.uuid());
        if (!destination.live()) {
            throw new XapiException(XapiErrorCodes.HOST_OFFLINE, hostRef);
        }
        if (!destination.enabled()) {
            throw new XapiException(XapiErrorCodes.HOST_DISABLED, hostRef);
        }
        if (vm.residentOn() == destination) {
            return; // a localhost migration: the VM is already counted there
        }
        long free = model.hostFreeMemoryBytes(destination);
        if (vm.memoryBytes() > free) {
            throw new XapiException(XapiErrorCodes.HOST_NOT_ENOUGH_FREE_MEMORY, Long.toString(vm.memoryBytes()),
                    Long.toString(free));
        }
        if (model.placement().migrationBreaksHaPlan(vm, destination)) {
            throw new XapiException(XapiErrorCodes.HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN);
        }
    }

    /** Refusals so far by error code (HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN, VM_HAS_VGPU, ...). */
    Map<String, Long> refusals() {
        synchronized (refusals) {
            return Map.copyOf(refusals);
        }
    }
}
