package org.xcpbalancer.collector.derive;

import java.time.Instant;
import java.util.Set;

/**
 * One Vm row (plus its Map row and tags) as the collector writes it. Boxed values are NULL in the database.
 *
 * @param hostUuid            the host it is resident on (its Map row), null unless running
 * @param memoryMb            running: VM_metrics.memory_actual; halted: configured memory_dynamic_max (MiB)
 * @param memoryInternalFreeMb RRD memory_internal_free (KiB / 1024); NULL for control domains and halted VMs
 * @param vif0RxKb            RRD vif_0_rx (bytes/s / 1024 = KiB/s); NULL for control domains and halted VMs
 * @param vcpuAverage         mean of the VM's cpuN data sources, in percent (0..100); NULL when halted
 * @param vcpuNum             running: VM_metrics.VCPUs_number; halted: configured VCPUs_max
 */
public record VmFacts(String uuid, String name, String hostUuid, Long memoryMb, Long memoryInternalFreeMb,
        Double vif0TxKb, Double vif0RxKb, Double vcpuAverage, Integer vcpuNum, String powerState,
        boolean controlDomain, Set<String> tags, Instant metricsAt) {

    public VmFacts {
        tags = Set.copyOf(tags);
    }
}
