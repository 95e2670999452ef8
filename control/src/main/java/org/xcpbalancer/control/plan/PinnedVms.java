package org.xcpbalancer.control.plan;

import java.util.Locale;
import java.util.Optional;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmState;

/**
 * The gate's verdicts on VMs XAPI itself would not migrate: only a VM whose allowed_operations holds
 * pool_migrate is a candidate. The reasons name the cause where it is known, as XAPI's errors would
 * (VM_HAS_PCI_ATTACHED, VM_HAS_VGPU), so an administrator sees why a VM never moves.
 */
public final class PinnedVms {
    private PinnedVms() {
    }

    /** Why XAPI would refuse to migrate the VM; empty when it may be migrated. */
    public static Optional<String> reason(VmState vm, PoolState state) {
        if (state.rollingUpgrade()) {
            return Optional.of("runs in a pool under a rolling upgrade (pool.other_config rolling_upgrade_in_progress):"
                    + " its host may be being upgraded");
        }
        if (vm.passthrough() != null) {
            String kind = vm.passthrough().toLowerCase(Locale.ROOT);
            return Optional.of(kind.equals("vgpu") ? "has a vGPU (XAPI refuses with VM_HAS_VGPU)"
                    : "has a PCI device passed through (XAPI refuses with VM_HAS_PCI_ATTACHED)");
        }
        if (vm.currentOperation() != null && !vm.currentOperation().isBlank()) {
            return Optional.of("has a current operation in XAPI (" + vm.currentOperation() + ")");
        }
        if (!vm.migratable()) {
            return Optional.of("has no pool_migrate in its allowed_operations (XAPI would not migrate it)");
        }
        return Optional.empty();
    }
}
