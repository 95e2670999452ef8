package org.xcpbalancer.guard.view;

import java.time.Instant;

/**
 * A VM's newest lifecycle messages (pool time), null when there is none: how a crash is told from an
 * administrator's shutdown, and a hypervisor's pause from an administrator's, since XAPI writes no reason into the
 * VM record. A VM Halted with a VM_SHUTDOWN newer than its last start was shut down on purpose; Halted without
 * one, it crashed. Likewise VM.pause writes VM_PAUSED (message_forwarding.ml) while a domain paused under xapi
 * (actions_after_crash "preserve") gets none. Messages are stamped to the whole second: a VM_SHUTDOWN in the same
 * second as a VM_STARTED is a restart (shut down, then started), not a shutdown. This is the one rule; the ladder
 * adds only what concerns its own step 2 (Ladder.adminShutdown).
 *
 * @param lastStartedAt newest VM_STARTED or VM_REBOOTED
 * @param lastShutdownAt newest VM_SHUTDOWN
 * @param lastPausedAt newest VM_PAUSED
 * @param lastUnpausedAt newest VM_UNPAUSED
 */
public record VmMessages(Instant lastStartedAt, Instant lastShutdownAt, Instant lastPausedAt,
        Instant lastUnpausedAt) {
    public static final VmMessages NONE = new VmMessages(null, null, null, null);

    public VmMessages(Instant lastStartedAt, Instant lastShutdownAt) {
        this(lastStartedAt, lastShutdownAt, null, null);
    }

    /** Shut down since it last started, in a later second than that start. */
    public boolean shutDownOnPurpose() {
        return after(lastShutdownAt, lastStartedAt);
    }

    /** VM.pause since it last started and since it was last unpaused, in a later second than either. */
    public boolean pausedOnPurpose() {
        return after(lastPausedAt, lastStartedAt) && after(lastPausedAt, lastUnpausedAt);
    }

    private static boolean after(Instant message, Instant since) {
        return message != null && (since == null || message.isAfter(since));
    }
}
