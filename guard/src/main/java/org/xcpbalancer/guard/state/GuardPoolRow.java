package org.xcpbalancer.guard.state;

import java.time.Instant;

/** A GuardPool row: the pool's latest check, and since when XAPI's HA has been on or the master unreachable. */
public record GuardPoolRow(String poolUuid, String poolName, Instant lastCheckAt, String lastCheckOutcome,
        String lastCheckOwner, Instant haStandDownSince, Instant masterUnreachableSince) {
}
