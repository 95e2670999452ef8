package org.xcpbalancer.simulator;

import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/** Scenarios for the XAPI tests, written out so a test reads with its pool in view. */
public final class TestPools {

    /** The original paper's unbalanced pool. */
    public static final String PAPER_POOL = """
            {"pool": "Main Pool",
             "hosts": [{"name": "Host1", "cpus": 4, "memoryMb": 4069, "master": true},
                       {"name": "Host2", "cpus": 4, "memoryMb": 4069}],
             "vms": [{"name": "VM1 - Debian", "host": "Host1", "vcpus": 2, "memoryMb": 1024, "cpu": 0.50},
                     {"name": "VM2 - Debian", "host": "Host2", "vcpus": 2, "memoryMb": 256, "cpu": 1.00},
                     {"name": "VM3 - Ubuntu", "host": "Host2", "vcpus": 3, "memoryMb": 1024, "cpu": 0.67}]}
            """;

    /**
     * Three 8 GiB hosts with HA on (one failure tolerated) and every placement fact: host labels, an anti-affinity
     * group, a vGPU VM, a PCI VM, a VM busy with a snapshot, a home host and HA-protected VMs. Each host has
     * 8192 - 752 (dom0) - 64 (Xen) = 7376 MB for guests.
     */
    public static final String PLACEMENT_POOL = """
            {"pool": "Placement Pool",
             "ha": {"enabled": true, "hostFailuresToTolerate": 1},
             "options": {"migrationBandwidthMbPerSec": 4096, "migrationFailureRate": 0},
             "hosts": [{"name": "A", "cpus": 8, "memoryMb": 8192, "master": true, "tags": ["xcp-balancer:label=ssd"]},
                       {"name": "B", "cpus": 8, "memoryMb": 8192, "tags": ["xcp-balancer:label=ssd", "rack-2"]},
                       {"name": "C", "cpus": 8, "memoryMb": 8192}],
             "vms": [{"name": "db1", "host": "A", "vcpus": 2, "memoryMb": 4000, "haRestartPriority": "restart"},
                     {"name": "db2", "host": "B", "vcpus": 2, "memoryMb": 4000, "haRestartPriority": "restart"},
                     {"name": "web", "host": "C", "vcpus": 1, "memoryMb": 1000, "affinity": "C",
                      "haRestartPriority": "best-effort", "tags": ["xcp-balancer:prefer=ssd"]},
                     {"name": "gpu", "host": "A", "vcpus": 1, "memoryMb": 512, "passthrough": "vgpu"},
                     {"name": "nic", "host": "B", "vcpus": 1, "memoryMb": 512, "passthrough": "pci"},
                     {"name": "busy", "host": "C", "vcpus": 1, "memoryMb": 512, "currentOperation": "snapshot"},
                     {"name": "spare", "powerState": "Halted", "vcpus": 1, "memoryMb": 512}],
             "groups": [{"name": "databases", "placement": "anti_affinity", "members": ["db1", "db2"]}]}
            """;

    private TestPools() {
    }

    public static Scenario placement() {
        return parse(PLACEMENT_POOL);
    }

    public static Scenario paper() {
        return parse(PAPER_POOL);
    }

    public static Scenario parse(String json) {
        try {
            return ScenarioLoader.parse(json, "test.json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The paper pool with a faster migration link, so migrations in tests take a fraction of a second. */
    public static Scenario paperWithMigration(double bandwidthMbPerSec, double failureRate) {
        return parse(PAPER_POOL.replace("\"pool\": \"Main Pool\",", "\"pool\": \"Main Pool\", \"options\": "
                + "{\"migrationBandwidthMbPerSec\": " + bandwidthMbPerSec + ", \"migrationFailureRate\": " + failureRate
                + "},"));
    }
}
