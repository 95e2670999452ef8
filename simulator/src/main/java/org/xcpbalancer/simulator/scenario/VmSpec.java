package org.xcpbalancer.simulator.scenario;

import java.util.List;
import java.util.Map;

/**
 * One guest VM of a scenario.
 *
 * @param host                  the host it runs on; null when halted
 * @param cpu                   demanded utilisation of each vCPU, 0..1, possibly varying over time
 * @param memoryInternalFreeMb  free memory the guest agent reports
 * @param vifRxKbps             traffic received on its first VIF, KiB/s (1 KiB = 1024 bytes)
 * @param vifTxKbps             traffic sent on its first VIF, KiB/s
 * @param diskReadKbps          reads from its first disk (xvda), KiB/s
 * @param diskWriteKbps         writes to its first disk (xvda), KiB/s
 * @param placement             passthrough, affinity, HA restart priority and a held current operation
 */
public record VmSpec(
        String name,
        String uuid,
        String description,
        String host,
        PowerState powerState,
        int vcpus,
        long memoryMb,
        LoadProfile cpu,
        long memoryInternalFreeMb,
        double vifRxKbps,
        double vifTxKbps,
        double diskReadKbps,
        double diskWriteKbps,
        List<String> tags,
        Map<String, String> otherConfig,
        VmPlacementSpec placement) {

    public VmSpec {
        tags = List.copyOf(tags);
        otherConfig = Map.copyOf(otherConfig);
    }

    /** A VM without placement facts (no passthrough, affinity, HA priority or held operation). */
    public VmSpec(String name, String uuid, String description, String host, PowerState powerState, int vcpus,
            long memoryMb, LoadProfile cpu, long memoryInternalFreeMb, double vifRxKbps, double vifTxKbps,
            double diskReadKbps, double diskWriteKbps, List<String> tags, Map<String, String> otherConfig) {
        this(name, uuid, description, host, powerState, vcpus, memoryMb, cpu, memoryInternalFreeMb, vifRxKbps,
                vifTxKbps, diskReadKbps, diskWriteKbps, tags, otherConfig, VmPlacementSpec.NONE);
    }
}
