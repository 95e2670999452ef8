package org.xcpbalancer.simulator.fault;

/** What happens to one incoming call. */
public enum CallFault {
    /** Answered normally (after any latency). */
    NONE,
    /** Answered with HTTP 500. */
    FAIL,
    /** Connection closed without an answer. */
    DROP
}
