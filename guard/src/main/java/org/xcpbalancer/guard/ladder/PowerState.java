package org.xcpbalancer.guard.ladder;

/** XAPI's VM.power_state as the ladder judges it. Anything else the SDK reports (UNRECOGNIZED) is OTHER. */
public enum PowerState {
    RUNNING, HALTED, PAUSED, SUSPENDED, OTHER
}
