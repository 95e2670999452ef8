package org.xcpbalancer.simulator.xapi.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.scenario.PowerState;

/**
 * VM.allowed_operations as xapi computes it (ocaml/xapi/xapi_vm_lifecycle.ml update_allowed_operations): the
 * operations whose checks pass now. Modelled: power state (Running, Paused, else Halted's list), control domains
 * and templates, a current operation (none allowed beside it), a PCI device passed through or a vGPU (no
 * pool_migrate, migrate_send, suspend or checkpoint while running or paused; the simulator's vGPUs are never
 * migratable) and a rolling pool upgrade (only Xapi_globs.rpu_allowed_vm_operations).
 */
final class VmAllowedOperations {
    private static final List<String> RUNNING_GUEST = List.of("changing_dynamic_range", "migrate_send",
            "pool_migrate", "changing_VCPUs_live", "suspend", "hard_reboot", "hard_shutdown", "clean_reboot",
            "clean_shutdown", "pause", "checkpoint", "snapshot");
    /** allowed_power_states lists Paused for these (metadata_export left out, as for the other states). */
    private static final List<String> PAUSED_GUEST = List.of("hard_reboot", "hard_shutdown", "unpause",
            "checkpoint", "snapshot");
    private static final List<String> HALTED_GUEST = List.of("changing_dynamic_range", "changing_static_range",
            "make_into_template", "migrate_send", "destroy", "export", "start_on", "start", "clone", "copy",
            "snapshot", "changing_VCPUs", "changing_memory_limits", "changing_shadow_memory");
    private static final List<String> TEMPLATE = List.of("changing_dynamic_range", "changing_static_range",
            "changing_VCPUs", "changing_memory_limits", "changing_shadow_memory", "clone", "copy", "destroy",
            "export", "provision");
    private static final List<String> CONTROL_DOMAIN = List.of("changing_dynamic_range");
    /** What a PCI device or a non-migratable vGPU forbids (VM_HAS_PCI_ATTACHED / VM_HAS_VGPU). */
    private static final Set<String> NEED_MOBILITY = Set.of("pool_migrate", "migrate_send", "suspend", "checkpoint");
    /** Xapi_globs.rpu_allowed_vm_operations. */
    private static final Set<String> ROLLING_UPGRADE = Set.of("assert_operation_valid", "changing_memory_live",
            "changing_shadow_memory_live", "changing_VCPUs_live", "clean_reboot", "clean_shutdown", "clone", "copy",
            "csvm", "destroy", "export", "get_boot_record", "hard_reboot", "hard_shutdown", "import",
            "make_into_template", "migrate_send", "pause", "pool_migrate", "power_state_reset", "provision",
            "resume", "resume_on", "send_sysrq", "send_trigger", "start", "start_on", "suspend", "unpause",
            "update_allowed_operations");

    private VmAllowedOperations() {
    }

    static List<Object> of(SimVm vm, boolean busy, boolean rollingUpgrade) {
        if (busy) {
            return new ArrayList<>();
        }
        List<String> base;
        if (vm.isControlDomain()) {
            base = CONTROL_DOMAIN;
        } else if (vm.isTemplate() || vm.isSnapshot()) {
            base = TEMPLATE;
        } else {
            base = switch (vm.powerState()) {
                case RUNNING -> RUNNING_GUEST;
                case PAUSED -> PAUSED_GUEST;
                default -> HALTED_GUEST;
            };
        }
        boolean immobile = vm.isGuest() && vm.hasDomain() && vm.passthrough() != null;
        List<Object> allowed = new ArrayList<>();
        for (String operation : base) {
            if (immobile && NEED_MOBILITY.contains(operation)) {
                continue;
            }
            if (rollingUpgrade && !ROLLING_UPGRADE.contains(operation)) {
                continue;
            }
            allowed.add(operation);
        }
        return allowed;
    }
}
