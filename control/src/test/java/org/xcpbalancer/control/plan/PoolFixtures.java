package org.xcpbalancer.control.plan;

import java.time.Instant;
import java.util.Set;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/** Hand-made hosts and VMs for the framework's unit tests: only the fields planning reads are set. */
public final class PoolFixtures {
    public static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private PoolFixtures() {
    }

    /** An enabled, live host with fresh metrics. */
    public static HostState host(String name, int cpus, double cpuPercent, long totalMb, long freeMb) {
        return host(name, cpus, cpuPercent, totalMb, freeMb, true, true);
    }

    public static HostState host(String name, int cpus, Double cpuPercent, long totalMb, long freeMb, boolean enabled,
            Boolean live) {
        return new HostState("uuid-" + name, name, "10.0.0.1", cpus, totalMb, freeMb, null, null, null, null, 0.0, 0.0,
                0.1, cpuPercent, enabled, live, NOW.minusSeconds(30), NOW.minusSeconds(30), Set.of());
    }

    /** A running guest with its per-vCPU load in percent. */
    public static VmState vm(String name, HostState on, int vcpus, double vcpuPercent, long memoryMb) {
        return new VmState("uuid-" + name, name, on.uuid(), memoryMb, null, 0.0, 0.0, vcpuPercent, vcpus, "Running",
                false, Set.of(), NOW.minusSeconds(30), NOW.minusSeconds(30), true, null, null, "", null, Set.of());
    }
}
