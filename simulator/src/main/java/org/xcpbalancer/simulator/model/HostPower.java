package org.xcpbalancer.simulator.model;

/** The physical state of a host's machine, which XAPI shows only through host_metrics.live and reachability. */
public enum HostPower {
    /** Powered on, xapi running. */
    RUNNING,
    /** host.shutdown accepted: still answering until the shutdown duration has passed. */
    SHUTTING_DOWN,
    /** Powered off (shut down or fenced); host.power_on can boot it. */
    OFF,
    /** host.power_on accepted: not answering until the boot duration has passed. */
    BOOTING,
    /** Died (admin kill): not answering; its VMs stay "Running" in XAPI's records until VM.power_state_reset. */
    CRASHED
}
