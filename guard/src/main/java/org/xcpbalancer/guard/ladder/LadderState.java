package org.xcpbalancer.guard.ladder;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A protected VM's ladder as stored in its GuardVm row between checks, so a restarted guard continues where it
 * was and never repeats a step: the step reached, the last action and when it was planned, since when the VM has
 * been healthy again, how many steps were taken since the history was last cleared, the host it last ran on, and
 * the last note ("would act but…", a wait) recorded, so a note is recorded once and again only when it changes.
 */
public record LadderState(LadderStep step, Optional<String> lastAction, Optional<Instant> lastActionAt,
        Optional<Instant> healthySince, int attempts, Optional<String> lastHostUuid, Optional<String> lastNote) {

    public LadderState {
        Objects.requireNonNull(step);
        Objects.requireNonNull(lastAction);
        Objects.requireNonNull(lastActionAt);
        Objects.requireNonNull(healthySince);
        Objects.requireNonNull(lastHostUuid);
        Objects.requireNonNull(lastNote);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts < 0");
        }
    }

    /** A VM the guard has never acted on. */
    public static LadderState initial() {
        return new LadderState(LadderStep.NONE, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty(), Optional.empty());
    }

    /** After a step was planned at {@code at}: the step reached, one more attempt, health forgotten. */
    LadderState afterStep(LadderStep reached, String action, Instant at, Optional<String> host) {
        return new LadderState(reached, Optional.of(action), Optional.of(at), Optional.empty(), attempts + 1,
                host.or(() -> lastHostUuid), Optional.empty());
    }

    /** The history cleared after a long enough health: the host and the clearing itself are kept. */
    LadderState cleared(Instant at, Optional<String> host) {
        return new LadderState(LadderStep.NONE, Optional.of(LadderAction.LADDER_RESET.dbValue()), Optional.of(at),
                Optional.empty(), 0, host.or(() -> lastHostUuid), Optional.empty());
    }

    LadderState withHealthySince(Optional<Instant> since) {
        return new LadderState(step, lastAction, lastActionAt, since, attempts, lastHostUuid, lastNote);
    }

    LadderState withLastHost(Optional<String> host) {
        return new LadderState(step, lastAction, lastActionAt, healthySince, attempts, host.or(() -> lastHostUuid),
                lastNote);
    }

    LadderState withNote(String note) {
        return new LadderState(step, lastAction, lastActionAt, healthySince, attempts, lastHostUuid,
                Optional.of(note));
    }
}
