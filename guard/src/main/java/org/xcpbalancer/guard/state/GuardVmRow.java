package org.xcpbalancer.guard.state;

import java.time.Instant;

/**
 * A GuardVm row: one protected VM that needed the guard (a crash, a hang, a dead host). Instants are null when
 * not known. ladderStep: "none", "reboot", "restart", "give_up"; problem: "crashed", "hung", "host_dead".
 * powerState is what XAPI recorded at the last check; lastNote the last "would act but..." said of it.
 *
 * <p>The host path owns a row whose problem is host_dead and last action power_state_reset (reset, not yet
 * started): the ladder leaves that VM alone until the host path started it.
 */
public record GuardVmRow(String poolUuid, String vmUuid, String vmName, String ladderStep, String problem,
        Instant problemSince, String lastAction, Instant lastActionAt, Instant nextStepAt, Instant healthySince,
        int attempts, String restartedOnHostUuid, String restartedOnHostName, Instant gaveUpAt, String powerState,
        String lastNote, Instant updatedAt) {

    public static final String STEP_NONE = "none";
    public static final String PROBLEM_HOST_DEAD = "host_dead";

    public static GuardVmRow fresh(String poolUuid, String vmUuid, String vmName) {
        return new GuardVmRow(poolUuid, vmUuid, vmName, STEP_NONE, null, null, null, null, null, null, 0, null, null,
                null, null, null, null);
    }

    /** The guard started it (or tried to): the action, its time, and where it runs now if it was started. */
    public GuardVmRow restarted(String action, Instant at, String hostUuid, String hostName) {
        return new GuardVmRow(poolUuid, vmUuid, vmName, ladderStep, problem, problemSince, action, at, nextStepAt,
                healthySince, attempts + 1, hostUuid == null ? restartedOnHostUuid : hostUuid,
                hostName == null ? restartedOnHostName : hostName, gaveUpAt, hostUuid == null ? powerState : "Running",
                lastNote, at);
    }

    /** The last action and its time (attempts unchanged). */
    public GuardVmRow withLastAction(String action, Instant at, String newPowerState) {
        return new GuardVmRow(poolUuid, vmUuid, vmName, ladderStep, problem, problemSince, action, at, nextStepAt,
                healthySince, attempts, restartedOnHostUuid, restartedOnHostName, gaveUpAt, newPowerState, lastNote, at);
    }

    /** What is wrong with it since when (kept when it was already known); no longer healthy. */
    public GuardVmRow withProblem(String newProblem, Instant since) {
        boolean same = newProblem.equals(problem) && problemSince != null;
        return new GuardVmRow(poolUuid, vmUuid, vmName, ladderStep, newProblem, same ? problemSince : since,
                lastAction, lastActionAt, nextStepAt, null, attempts, restartedOnHostUuid, restartedOnHostName,
                gaveUpAt, powerState, lastNote, since);
    }

    /** Reset by the host path and not started since: the ladder leaves it to the host path. */
    public boolean awaitingHostPathStart() {
        return PROBLEM_HOST_DEAD.equals(problem) && GuardActionKind.POWER_STATE_RESET.dbValue().equals(lastAction);
    }
}
