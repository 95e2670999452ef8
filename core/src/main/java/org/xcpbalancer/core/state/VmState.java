package org.xcpbalancer.core.state;

import java.time.Instant;
import java.util.Set;

/**
 * A VM as the collector last saw it. hostUuid is null unless the VM is running. Boxed values are NULL in the
 * database: not measured (halted VMs have no live metrics, control domains no guest metrics).
 *
 * <p>What XAPI says about moving it: migratable is true when allowed_operations contains pool_migrate;
 * passthrough is null, "pci" (a PCI device attached) or "vgpu"; currentOperation is null when current_operations
 * is empty, else one of its values (e.g. "pool_migrate"); haRestartPriority is "restart", "best-effort" or "" as
 * XAPI has it; affinityHostUuid is VM.affinity (the home host), null for none; groupUuids are VM.groups.
 */
public record VmState(String uuid, String name, String hostUuid, Long memoryMb, Long memoryInternalFreeMb,
        Double vif0RxKb, Double vif0TxKb, Double vcpuAverage, Integer vcpuNum, String powerState,
        boolean controlDomain, Set<String> tags, Instant metricsAt, Instant updatedAt, boolean migratable,
        String passthrough, String currentOperation, String haRestartPriority, String affinityHostUuid,
        Set<String> groupUuids) {

    public VmState {
        tags = Set.copyOf(tags);
        groupUuids = Set.copyOf(groupUuids);
        haRestartPriority = haRestartPriority == null ? "" : haRestartPriority;
    }

    public boolean running() {
        return "Running".equalsIgnoreCase(powerState);
    }
}
