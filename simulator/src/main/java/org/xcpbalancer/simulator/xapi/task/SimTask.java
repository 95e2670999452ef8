package org.xcpbalancer.simulator.xapi.task;

import java.time.Instant;
import java.util.List;

/**
 * One XAPI task. Mutable but only through {@link TaskManager}, which serialises changes and emits events; readers
 * get a consistent {@link Snapshot}.
 */
public final class SimTask {

    /** What task.get_record shows at one instant. */
    public record Snapshot(String uuid, String ref, String nameLabel, String residentOnHostUuid, Instant created,
                           Instant finished, TaskStatus status, double progress, String result,
                           List<String> errorInfo, boolean cancelRequested) {
    }

    private final String uuid;
    private final String ref;
    private final String nameLabel;
    private final String residentOnHostUuid;
    private final Instant created;
    private Instant finished;
    private TaskStatus status = TaskStatus.PENDING;
    private double progress;
    private String result = "";
    private List<String> errorInfo = List.of();
    private boolean cancelRequested;

    SimTask(String uuid, String ref, String nameLabel, String residentOnHostUuid, Instant created) {
        this.uuid = uuid;
        this.ref = ref;
        this.nameLabel = nameLabel;
        this.residentOnHostUuid = residentOnHostUuid;
        this.created = created;
    }

    public String uuid() {
        return uuid;
    }

    public String ref() {
        return ref;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(uuid, ref, nameLabel, residentOnHostUuid, created, finished, status, progress, result,
                errorInfo, cancelRequested);
    }

    synchronized boolean setProgress(double value) {
        if (status.finished() || value <= progress) {
            return false;
        }
        progress = Math.min(1.0, value);
        return true;
    }

    synchronized boolean finish(TaskStatus finalStatus, String resultValue, List<String> error, Instant at) {
        if (status.finished()) {
            return false;
        }
        status = finalStatus;
        finished = at;
        if (finalStatus == TaskStatus.SUCCESS) {
            progress = 1.0;
            result = resultValue;
        } else {
            errorInfo = List.copyOf(error);
            progress = 1.0;
        }
        return true;
    }

    synchronized boolean requestCancel() {
        if (status != TaskStatus.PENDING) {
            return false;
        }
        cancelRequested = true;
        status = TaskStatus.CANCELLING;
        return true;
    }

    synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    synchronized boolean isFinished() {
        return status.finished();
    }

    synchronized Instant finishedAt() {
        return finished;
    }
}
