package org.xcpbalancer.simulator.xapi.task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.xapi.ObjectRefs;
import org.xcpbalancer.simulator.xapi.XapiClassNames;
import org.xcpbalancer.simulator.xapi.XapiErrorCodes;
import org.xcpbalancer.simulator.xapi.XapiException;
import org.xcpbalancer.simulator.xapi.event.EventLog;

/**
 * The pool's tasks. Every change is an event ("task" add/mod/del). Finished tasks are kept
 * {@link #FINISHED_TASK_KEPT} of pool time unless a client destroys them first, as xapi's task GC does.
 */
public final class TaskManager {

    /** xapi garbage-collects completed tasks an hour after they finish (plus its GC period). */
    public static final Duration FINISHED_TASK_KEPT = Duration.ofMinutes(65);
    private static final String EVENT_CLASS = "task";

    private final Map<String, SimTask> tasksByUuid = new ConcurrentHashMap<>();
    private final Map<String, Runnable> cancelHooks = new ConcurrentHashMap<>();
    private final ObjectRefs refs;
    private final EventLog events;
    private final SimClock clock;

    public TaskManager(ObjectRefs refs, EventLog events, SimClock clock) {
        this.refs = refs;
        this.events = events;
        this.clock = clock;
    }

    public SimTask create(String nameLabel, String residentOnHostUuid) {
        collectGarbage();
        String uuid = UUID.randomUUID().toString();
        String ref = refs.ref(XapiClassNames.TASK, uuid);
        SimTask task = new SimTask(uuid, ref, nameLabel, residentOnHostUuid, clock.now());
        tasksByUuid.put(uuid, task);
        events.add(EVENT_CLASS, ref);
        return task;
    }

    /** Called when a client cancels the task; the hook must finish the task as cancelled. */
    public void onCancel(SimTask task, Runnable hook) {
        cancelHooks.put(task.uuid(), hook);
    }

    public void progress(SimTask task, double value) {
        if (task.setProgress(value)) {
            events.modify(EVENT_CLASS, task.ref());
        }
    }

    public void succeed(SimTask task, String result) {
        if (task.finish(TaskStatus.SUCCESS, result, List.of(), clock.now())) {
            cancelHooks.remove(task.uuid());
            events.modify(EVENT_CLASS, task.ref());
        }
    }

    public void fail(SimTask task, List<String> errorInfo) {
        TaskStatus status = errorInfo.get(0).equals(XapiErrorCodes.TASK_CANCELLED) ? TaskStatus.CANCELLED
                : TaskStatus.FAILURE;
        if (task.finish(status, "", errorInfo, clock.now())) {
            cancelHooks.remove(task.uuid());
            events.modify(EVENT_CLASS, task.ref());
        }
    }

    /** task.cancel: only a pending task with something to cancel can be cancelled. */
    public void cancel(SimTask task) throws XapiException {
        Runnable hook = cancelHooks.get(task.uuid());
        if (hook == null || !task.requestCancel()) {
            throw new XapiException(XapiErrorCodes.OPERATION_NOT_ALLOWED, "task " + task.ref() + " cannot be cancelled");
        }
        events.modify(EVENT_CLASS, task.ref());
        hook.run();
    }

    public void destroy(SimTask task) {
        if (tasksByUuid.remove(task.uuid()) != null) {
            cancelHooks.remove(task.uuid());
            events.delete(EVENT_CLASS, task.ref());
        }
    }

    /** The task behind a ref, or HANDLE_INVALID [task, ref]. */
    public SimTask require(Object ref) throws XapiException {
        String uuid = refs.uuid(XapiClassNames.TASK, ref);
        SimTask task = tasksByUuid.get(uuid);
        if (task == null) {
            throw new XapiException(XapiErrorCodes.HANDLE_INVALID, XapiClassNames.TASK, String.valueOf(ref));
        }
        return task;
    }

    public SimTask byUuid(String uuid) {
        return tasksByUuid.get(uuid);
    }

    public List<SimTask> all() {
        collectGarbage();
        return new ArrayList<>(tasksByUuid.values());
    }

    public SimTask.Snapshot snapshot(SimTask task) {
        return task.snapshot();
    }

    private void collectGarbage() {
        Instant cutoff = clock.now().minus(FINISHED_TASK_KEPT);
        for (SimTask task : tasksByUuid.values()) {
            Instant finished = task.finishedAt();
            if (finished != null && finished.isBefore(cutoff)) {
                destroy(task);
            }
        }
    }
}
