package org.xcpbalancer.simulator.model;

/**
 * The constants of the load model (docs/simulator-scenarios.md, "The load model"). Kept in one place so the
 * documentation, the model and the tests agree.
 */
public final class LoadModel {
    /** Traffic xapi and friends exchange over the loopback interface of every host, bytes/s each way. */
    public static final double LOOPBACK_BYTES_PER_SEC = 3 * 1024;
    /** Management traffic on eth0 of every host (xapi, NTP, ...) on top of the guests' VIF traffic, bytes/s. */
    public static final double MANAGEMENT_BYTES_PER_SEC = 1024;
    /** Memory the xapi daemon uses on the master / on other hosts, KiB. */
    public static final long XAPI_MEMORY_USAGE_KIB_MASTER = 150 * 1024;
    public static final long XAPI_MEMORY_USAGE_KIB_SLAVE = 100 * 1024;
    /** Free memory in xapi's heap, KiB. */
    public static final long XAPI_FREE_MEMORY_KIB = 40 * 1024;
    /** What one live-migration stream adds to dom0's load average on each end. */
    public static final double MIGRATION_LOADAVG = 0.5;

    private LoadModel() {
    }
}
