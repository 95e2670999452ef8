package org.xcpbalancer.control.plan;

/** What a decision did (stored in ControlDecision.Action). */
public enum DecisionAction {
    /** A migration is planned. */
    MOVE,
    /** Every rule holds; nothing to do. */
    BALANCED,
    /** A violation is seen but has not lasted control.holdSamples samples yet. */
    WAIT,
    /** A violation is seen but no move is allowed (each candidate would break a rule, lacks memory, ...). */
    NO_MOVE,
    /** A candidate that would have been chosen was skipped (e.g. the destination lacks free memory). */
    SKIP,
    /** Nothing may be decided at all (stale data, no rules, another controller holds the pool). */
    BLOCKED,
    /** An administrator paused the pool's balancing (PAUSE BALANCING in xcp-manager): nothing is decided. */
    PAUSED,
    /** A VM or host is left out of planning (excluded, cooling down, backing off after failures). */
    EXCLUDE,
    /**
     * A freeze window (control.freezeWindows) is open: nothing is launched this run (balancing, repair, density,
     * evacuation); one per run, naming the window.
     */
    FROZEN,
    /** A host is being emptied for maintenance (EVACUATE HOST / --evacuate): disabled, and its VMs planned away. */
    EVACUATE,
    /** A host left maintenance (ENABLE HOST / --enable): enabled again, so balancing may fill it. */
    ENABLE,
    /** Density mode: a host is powered off once emptied (host.disable, host.shutdown), or the outcome of that. */
    POWER_OFF,
    /** A sleeping host is powered on (host.power_on) because the load needs it, or the outcome of that. */
    POWER_ON
}
