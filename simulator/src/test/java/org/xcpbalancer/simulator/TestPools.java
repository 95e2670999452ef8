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

    private TestPools() {
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
