package org.xcpbalancer.simulator.scenario;

/** XAPI's vm_power_state; {@link #xapiName()} is the wire spelling. */
public enum PowerState {
    HALTED("Halted"), PAUSED("Paused"), RUNNING("Running"), SUSPENDED("Suspended");

    private final String xapiName;

    PowerState(String xapiName) {
        this.xapiName = xapiName;
    }

    public String xapiName() {
        return xapiName;
    }
}
