package org.xcpbalancer.guard.view;

import java.time.Instant;

/**
 * A VM's newest lifecycle messages (pool time), null when there is none: how a crash is told from an
 * administrator's shutdown, since XAPI writes no reason into the VM record. A VM Halted with a VM_SHUTDOWN newer
 * than its last start was shut down on purpose; Halted without one, it crashed.
 *
 * @param lastStartedAt newest VM_STARTED or VM_REBOOTED
 * @param lastShutdownAt newest VM_SHUTDOWN
 */
public record VmMessages(Instant lastStartedAt, Instant lastShutdownAt) {
    public static final VmMessages NONE = new VmMessages(null, null);

    /** Shut down by its administrator since it last started. */
    public boolean shutDownOnPurpose() {
        return lastShutdownAt != null && (lastStartedAt == null || !lastShutdownAt.isBefore(lastStartedAt));
    }
}
