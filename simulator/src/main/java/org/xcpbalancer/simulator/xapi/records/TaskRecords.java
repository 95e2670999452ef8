package org.xcpbalancer.simulator.xapi.records;

import static org.xcpbalancer.simulator.xapi.records.RecordValues.emptyMap;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.emptySet;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.record;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.set;

import java.util.ArrayList;
import java.util.Map;
import org.xcpbalancer.simulator.xapi.ObjectRefs;
import org.xcpbalancer.simulator.xapi.XapiClassNames;
import org.xcpbalancer.simulator.xapi.task.SimTask;
import org.xcpbalancer.simulator.xapi.task.TaskStatus;
import org.xcpbalancer.simulator.xapi.wire.XapiDateTime;

/** task records with every field the 8.1 SDK reads. */
public final class TaskRecords {

    private final ObjectRefs refs;

    public TaskRecords(ObjectRefs refs) {
        this.refs = refs;
    }

    public Map<String, Object> task(SimTask.Snapshot task) {
        Map<String, Object> r = record(17);
        r.put("uuid", task.uuid());
        r.put("name_label", task.nameLabel());
        r.put("name_description", "");
        r.put("allowed_operations", task.status() == TaskStatus.PENDING ? set("cancel") : emptySet());
        r.put("current_operations", emptyMap());
        r.put("created", XapiDateTime.of(task.created()));
        r.put("finished", task.finished() == null ? XapiDateTime.EPOCH : XapiDateTime.of(task.finished()));
        r.put("status", task.status().wireName());
        r.put("resident_on", refs.ref(XapiClassNames.HOST, task.residentOnHostUuid()));
        r.put("progress", task.progress());
        r.put("type", "<none/>");
        r.put("result", task.result());
        r.put("error_info", new ArrayList<Object>(task.errorInfo()));
        r.put("other_config", emptyMap());
        r.put("subtask_of", ObjectRefs.NULL_REF);
        r.put("subtasks", emptySet());
        r.put("backtrace", "()");
        return r;
    }
}
