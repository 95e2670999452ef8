package org.xcpbalancer.guard.ladder;

import java.util.Objects;
import java.util.Optional;

/**
 * The ladder's answer for one VM in one check: the action, why (one sentence, stored in GuardAction.Reason), where
 * (the VM's host for a reboot; for a start, the host to prefer if placement allows it and the host to avoid — the
 * guard's one restart path chooses), whether the VM must be hard-shut-down first (step 2 of a VM that is not
 * Halted), and the ladder as it must be stored. For an action the new state is stored with the planned GuardAction
 * row before any XAPI call, so a guard that dies mid-step never repeats it; a note is recorded only when
 * {@link #recordNote()}.
 */
public record LadderDecision(LadderAction action, String reason, Optional<String> vmHostUuid,
        Optional<String> preferHostUuid, Optional<String> avoidHostUuid, boolean shutdownFirst, LadderState next,
        boolean recordNote) {

    public LadderDecision {
        Objects.requireNonNull(action);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(vmHostUuid);
        Objects.requireNonNull(preferHostUuid);
        Objects.requireNonNull(avoidHostUuid);
        Objects.requireNonNull(next);
    }

    static LadderDecision reboot(String reason, String hostUuid, LadderState next) {
        return new LadderDecision(LadderAction.HARD_REBOOT, reason, Optional.of(hostUuid), Optional.empty(),
                Optional.empty(), false, next, false);
    }

    static LadderDecision start(LadderAction action, String reason, Optional<String> vmHost, Optional<String> prefer,
            Optional<String> avoid, boolean shutdownFirst, LadderState next) {
        return new LadderDecision(action, reason, vmHost, prefer, avoid, shutdownFirst, next, false);
    }

    static LadderDecision act(LadderAction action, String reason, LadderState next) {
        return new LadderDecision(action, reason, Optional.empty(), Optional.empty(), Optional.empty(), false, next,
                false);
    }

    /** A note: recorded (and remembered in the state) only when it differs from the last one recorded. */
    static LadderDecision note(LadderAction action, String reason, LadderState state) {
        boolean changed = !state.lastNote().equals(Optional.of(reason));
        return new LadderDecision(action, reason, Optional.empty(), Optional.empty(), Optional.empty(), false,
                changed ? state.withNote(reason) : state, changed);
    }

    static LadderDecision quiet(LadderAction action, String reason, LadderState state) {
        return new LadderDecision(action, reason, Optional.empty(), Optional.empty(), Optional.empty(), false, state,
                false);
    }

    public boolean acts() {
        return action.acts();
    }
}
