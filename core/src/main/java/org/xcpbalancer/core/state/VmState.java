package org.xcpbalancer.core.state;

import java.time.Instant;
import java.util.Set;

/**
 * A VM as the collector last saw it. hostUuid is null unless the VM is running. Boxed values are NULL in the
 * database: not measured (halted VMs have no live metrics, control domains no guest metrics).
 */
public record VmState(String uuid, String name, String hostUuid, Long memoryMb, Long memoryInternalFreeMb,
        Double vif0RxKb, Double vif0TxKb, Double vcpuAverage, Integer vcpuNum, String powerState,
        boolean controlDomain, Set<String> tags, Instant metricsAt, Instant updatedAt) {

    public VmState {
        tags = Set.copyOf(tags);
    }

    public boolean running() {
        return "Running".equalsIgnoreCase(powerState);
    }
}
