package org.xcpbalancer.simulator.scenario;

import java.util.List;
import java.util.Map;

/**
 * One host of a scenario.
 *
 * @param address                 the loopback address it serves on (127.0.0.1 for the master, .2, .3 ... otherwise)
 * @param controlDomainVcpus      vCPUs of its control domain (dom0)
 * @param controlDomainCpu        dom0's demand per vCPU (0..1), possibly varying over time
 * @param controlDomainMemoryMb   memory dom0 occupies
 * @param idleWatts               power drawn while on and idle (the power model is linear in CPU load)
 * @param maxWatts                power drawn at full CPU load
 */
public record HostSpec(
        String name,
        String uuid,
        String description,
        int cpus,
        long memoryMb,
        boolean master,
        boolean enabled,
        String address,
        int controlDomainVcpus,
        LoadProfile controlDomainCpu,
        long controlDomainMemoryMb,
        List<String> tags,
        Map<String, String> otherConfig,
        double idleWatts,
        double maxWatts) {

    public HostSpec {
        tags = List.copyOf(tags);
        otherConfig = Map.copyOf(otherConfig);
    }
}
