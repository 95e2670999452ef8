package org.xcpbalancer.guard.ladder;

import java.util.Locale;

/**
 * What a ladder decision asks for, as recorded in GuardAction.Action ({@link #dbValue()}). The first five act on
 * the pool (or, for RESET, only on the stored history); the others are notes: nothing is done and the reason is
 * recorded once, again only when it changes.
 */
public enum LadderAction {
    /** Step 1 for a Paused VM or a Running VM whose heartbeat stopped: VM.hard_reboot on its host. */
    HARD_REBOOT(true),
    /** Step 1 for a VM that crashed to Halted: VM.start_on its last host if it fits there, else where it fits. */
    START_ON(true),
    /** Step 2: VM.hard_shutdown when it is not Halted, then VM.start_on a host other than its own. */
    RESTART_ELSEWHERE(true),
    /** Step 3: the alert; the reinstall hook runs if one is set. */
    GIVE_UP(true),
    /** The history is cleared after the VM was healthy for guard.historyReset. */
    LADDER_RESET(true),
    /** Healthy; nothing to do or say. */
    NOTHING(false),
    /** Healthy again after a step: recorded once, the history is kept until the reset. */
    RECOVERED(false),
    /** Still unhealthy after a step: waiting guard.ladderWait before the next one. */
    WAITING(false),
    /** A step is due but cannot be taken now (no host fits, an operation in progress): "would act but…". */
    WOULD_ACT_BUT(false),
    /** Shut down by its administrator: never restarted. */
    ADMIN_SHUTDOWN_LEFT(false),
    /** Paused by its administrator (VM.pause): never rebooted; unpausing it is the administrator's. */
    ADMIN_PAUSE_LEFT(false),
    /** Not the ladder's: its host is not fine (the host path decides), or it is Suspended. */
    NOT_LADDERS(false),
    /** Given up earlier and still unhealthy: an operator's turn. */
    GIVEN_UP_STILL_DOWN(false);

    private final boolean acts;

    LadderAction(boolean acts) {
        this.acts = acts;
    }

    /** Whether the decision changes the pool or the stored ladder (a planned GuardAction row first). */
    public boolean acts() {
        return acts;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
