package org.xcpbalancer.simulator.scenario;

/** Defaults of the optional host fields (docs/simulator-scenarios.md lists them). */
public final class HostDefaults {
    /** dom0's demand per vCPU: 1% of each of its vCPUs, so a 4-core host's dom0 adds 1 percentage point. */
    public static final double CONTROL_DOMAIN_CPU_PER_VCPU = 0.01;
    /** dom0 gets one vCPU per core up to this many, as XenServer 8 sizes it. */
    public static final int CONTROL_DOMAIN_VCPUS_MAX = 16;
    /** dom0 memory (capped at half the host's memory for tiny hosts). */
    public static final long CONTROL_DOMAIN_MEMORY_MB = 752;

    /** A two-socket server of the 2020s: about 100 W idle, 300 W at full load. */
    public static final double IDLE_WATTS = 100;
    public static final double MAX_WATTS = 300;

    private HostDefaults() {
    }
}
