package org.xcpbalancer.guard.ladder;

import java.time.Instant;
import org.xcpbalancer.guard.state.GuardVmRow;

/**
 * A GuardVm row being changed by the ladder, field by field (the record has seventeen): copy, set what changes,
 * {@link #row()}. Every row the ladder saves goes through here, stamped with the check's time.
 */
final class VmRowEdit {
    private final GuardVmRow from;
    private String ladderStep;
    private String problem;
    private Instant problemSince;
    private String lastAction;
    private Instant lastActionAt;
    private Instant nextStepAt;
    private Instant healthySince;
    private int attempts;
    private String restartedOnHostUuid;
    private String restartedOnHostName;
    private Instant gaveUpAt;
    private String powerState;
    private String lastNote;

    VmRowEdit(GuardVmRow from) {
        this.from = from;
        ladderStep = from.ladderStep();
        problem = from.problem();
        problemSince = from.problemSince();
        lastAction = from.lastAction();
        lastActionAt = from.lastActionAt();
        nextStepAt = from.nextStepAt();
        healthySince = from.healthySince();
        attempts = from.attempts();
        restartedOnHostUuid = from.restartedOnHostUuid();
        restartedOnHostName = from.restartedOnHostName();
        gaveUpAt = from.gaveUpAt();
        powerState = from.powerState();
        lastNote = from.lastNote();
    }

    /** The step taken now: step, action, time, when the next may come (null: none), attempts. */
    VmRowEdit step(LadderStep step, String action, Instant at, Instant nextAt, int newAttempts) {
        ladderStep = step.dbValue();
        lastAction = action;
        lastActionAt = at;
        nextStepAt = nextAt;
        attempts = newAttempts;
        healthySince = null;
        if (step == LadderStep.GAVE_UP) {
            gaveUpAt = at;
        }
        return this;
    }

    /** What is wrong with the VM, since when (kept while it is the same problem). */
    VmRowEdit problem(String newProblem, Instant since) {
        if (!newProblem.equals(problem) || problemSince == null) {
            problemSince = since;
        }
        problem = newProblem;
        return this;
    }

    /** The history cleared: no step, problem, wait or give-up; the clearing is the last action. */
    VmRowEdit cleared(String action, Instant at) {
        ladderStep = LadderStep.NONE.dbValue();
        problem = null;
        problemSince = null;
        lastAction = action;
        lastActionAt = at;
        nextStepAt = null;
        healthySince = null;
        attempts = 0;
        gaveUpAt = null;
        lastNote = null;
        return this;
    }

    VmRowEdit healthySince(Instant since) {
        healthySince = since;
        return this;
    }

    VmRowEdit startedOn(String hostUuid, String hostName) {
        restartedOnHostUuid = hostUuid;
        restartedOnHostName = hostName;
        powerState = "Running";
        return this;
    }

    VmRowEdit powerState(String state) {
        powerState = state;
        return this;
    }

    VmRowEdit note(String note) {
        lastNote = note;
        return this;
    }

    GuardVmRow row(Instant now) {
        return new GuardVmRow(from.poolUuid(), from.vmUuid(), from.vmName(), ladderStep, problem, problemSince,
                lastAction, lastActionAt, nextStepAt, healthySince, attempts, restartedOnHostUuid, restartedOnHostName,
                gaveUpAt, powerState, lastNote, now);
    }
}
