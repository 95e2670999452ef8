package org.xcpbalancer.control.plan;

import java.util.Locale;
import java.util.Optional;
import org.xcpbalancer.control.plan.GateRefusal.Kind;
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
    public static Optional<GateRefusal> reason(VmState vm, PoolState state) {
        if (paused(vm)) {
            // xapi_vm_lifecycle.ml: a Paused VM's allowed_operations hold no pool_migrate; VM.pool_migrate fails
            // with VM_BAD_POWER_STATE. Its own state, named before the pool's rolling upgrade or its devices.
            return Optional.of(GateRefusal.of(Kind.PAUSED));
        }
        if (state.rollingUpgrade()) {
            return Optional.of(GateRefusal.of(Kind.ROLLING_UPGRADE));
        }
        if (vm.passthrough() != null) {
            boolean vgpu = vm.passthrough().toLowerCase(Locale.ROOT).equals("vgpu");
            return Optional.of(GateRefusal.of(vgpu ? Kind.VGPU : Kind.PCI_PASSTHROUGH));
        }
        if (vm.currentOperation() != null && !vm.currentOperation().isBlank()) {
            return Optional.of(GateRefusal.of(Kind.OPERATION_IN_PROGRESS, vm.currentOperation()));
        }
        if (!vm.migratable()) {
            return Optional.of(GateRefusal.of(Kind.NO_POOL_MIGRATE));
        }
        return Optional.empty();
    }

    /** XAPI's power state Paused: the domain stays on its host, holding its memory, and runs nothing. */
    public static boolean paused(VmState vm) {
        return "Paused".equalsIgnoreCase(vm.powerState());
    }
}
