package org.xcpbalancer.guard.view;

import java.time.Instant;

/**
 * A VM's newest lifecycle messages (pool time), null when there is none: how a crash is told from an
 * administrator's shutdown, since XAPI writes no reason into the VM record. A VM Halted with a VM_SHUTDOWN newer
 * than its last start was shut down on purpose; Halted without one, it crashed. Messages are stamped to the whole
 * second: a VM_SHUTDOWN in the same second as a VM_STARTED is a restart (shut down, then started), not a shutdown.
 * This is the one rule; the ladder adds only what concerns its own step 2 (Ladder.adminShutdown).
 *
 * @param lastStartedAt newest VM_STARTED or VM_REBOOTED
 * @param lastShutdownAt newest VM_SHUTDOWN
 */
public record VmMessages(Instant lastStartedAt, Instant lastShutdownAt) {
    public static final VmMessages NONE = new VmMessages(null, null);

    /** Shut down since it last started, in a later second than that start. */
    public boolean shutDownOnPurpose() {
        return lastShutdownAt != null && (lastStartedAt == null || lastShutdownAt.isAfter(lastStartedAt));
    }
}
