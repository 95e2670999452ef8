package org.xcpbalancer.guard.state;

import java.time.Instant;

/**
 * A GuardHost row: what the guard knows of one host. Instants are null when not (yet) known. confirmedAt/By are
 * written by xcp-manager's CONFIRM HOST DOWN and only read (or cleared on recovery) here.
 *
 * @param fencedBy "command" or "operator", null while not fenced
 */
public record GuardHostRow(String poolUuid, String hostUuid, String hostName, HostGuardState state, int missedChecks,
        Instant firstMissedAt, Instant lastCheckedAt, Instant declaredDeadAt, Instant fencedAt, String fencedBy,
        String confirmedBy, Instant confirmedAt, String reason, Instant recoveredAt) {

    public static final String FENCED_BY_COMMAND = "command";
    public static final String FENCED_BY_OPERATOR = "operator";

    /** A host seen for the first time, up. */
    public static GuardHostRow up(String poolUuid, String hostUuid, String hostName, Instant now) {
        return new GuardHostRow(poolUuid, hostUuid, hostName, HostGuardState.UP, 0, null, now, null, null, null,
                null, null, null, null);
    }

    public boolean confirmedByOperator() {
        return confirmedAt != null;
    }

    public GuardHostRow withState(HostGuardState newState, String newReason, Instant now) {
        return new GuardHostRow(poolUuid, hostUuid, hostName, newState, missedChecks, firstMissedAt, now,
                declaredDeadAt, fencedAt, fencedBy, confirmedBy, confirmedAt, newReason, recoveredAt);
    }

    /** One more check in a row in which the host did not answer. */
    public GuardHostRow missed(String newReason, Instant now) {
        return new GuardHostRow(poolUuid, hostUuid, hostName, state, missedChecks + 1,
                firstMissedAt == null ? now : firstMissedAt, now, declaredDeadAt, fencedAt, fencedBy, confirmedBy,
                confirmedAt, newReason, recoveredAt);
    }

    public GuardHostRow declaredDead(String newReason, Instant now) {
        return new GuardHostRow(poolUuid, hostUuid, hostName, HostGuardState.DEAD, missedChecks, firstMissedAt, now,
                declaredDeadAt == null ? now : declaredDeadAt, fencedAt, fencedBy, confirmedBy, confirmedAt,
                newReason, recoveredAt);
    }

    public GuardHostRow fenced(String by, String newReason, Instant now) {
        return new GuardHostRow(poolUuid, hostUuid, hostName, HostGuardState.FENCED, missedChecks, firstMissedAt,
                now, declaredDeadAt, now, by, confirmedBy, confirmedAt, newReason, recoveredAt);
    }

    /** Answering again: the incident is over, its counters and any operator confirmation are cleared. */
    public GuardHostRow recovered(Instant now) {
        return new GuardHostRow(poolUuid, hostUuid, hostName, HostGuardState.UP, 0, null, now, null, null, null,
                null, null, null, state == HostGuardState.UP ? recoveredAt : now);
    }
}
