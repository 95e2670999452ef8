package org.xcpbalancer.collector.read;

import java.util.Set;

/**
 * A VM (never a template or a snapshot) as XAPI describes it.
 *
 * @param powerState            XAPI's power state as written on the wire: Running, Halted, Paused, Suspended
 * @param residentHostUuid      the host it runs on, null unless Running or Paused
 * @param memoryDynamicMaxBytes configured memory (memory_dynamic_max)
 * @param vcpusMax              configured vCPUs (VCPUs_max)
 * @param memoryActualBytes     VM_metrics.memory_actual, null when halted or without metrics
 * @param vcpusNumber           VM_metrics.VCPUs_number, null when halted or without metrics
 */
public record ObservedVm(String uuid, String name, String powerState, boolean controlDomain, String residentHostUuid,
        Long memoryDynamicMaxBytes, Long vcpusMax, Long memoryActualBytes, Long vcpusNumber, Set<String> tags) {

    public static final String RUNNING = "Running";
    public static final String HALTED = "Halted";

    public boolean isRunning() {
        return RUNNING.equals(powerState);
    }
}
