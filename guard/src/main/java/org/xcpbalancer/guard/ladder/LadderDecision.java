package org.xcpbalancer.guard.ladder;

import java.util.Objects;
import java.util.Optional;

/**
 * The ladder's answer for one VM in one check: the action, why (one sentence, stored in GuardAction.Reason),
 * the host to act on (the VM's host for a reboot, the chosen host for a start), whether the VM must be
 * hard-shut-down first (step 2 of a VM that is not Halted), and the ladder as it must be stored. For an action
 * the new state is stored with the planned GuardAction row before any XAPI call, so a guard that dies mid-step
 * never repeats it; a note is recorded only when {@link #recordNote()}.
 */
public record LadderDecision(LadderAction action, String reason, Optional<String> hostUuid,
        Optional<String> hostName, boolean shutdownFirst, LadderState next, boolean recordNote) {

    public LadderDecision {
        Objects.requireNonNull(action);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(hostUuid);
        Objects.requireNonNull(hostName);
        Objects.requireNonNull(next);
    }

    static LadderDecision act(LadderAction action, String reason, TargetChoice target, boolean shutdownFirst,
            LadderState next) {
        return new LadderDecision(action, reason, target.hostUuid(), target.hostName(), shutdownFirst, next, false);
    }

    /** A note: recorded (and remembered in the state) only when it differs from the last one recorded. */
    static LadderDecision note(LadderAction action, String reason, LadderState state) {
        boolean changed = !state.lastNote().equals(Optional.of(reason));
        return new LadderDecision(action, reason, Optional.empty(), Optional.empty(), false,
                changed ? state.withNote(reason) : state, changed);
    }

    static LadderDecision quiet(LadderAction action, String reason, LadderState state) {
        return new LadderDecision(action, reason, Optional.empty(), Optional.empty(), false, state, false);
    }

    public boolean acts() {
        return action.acts();
    }
}
