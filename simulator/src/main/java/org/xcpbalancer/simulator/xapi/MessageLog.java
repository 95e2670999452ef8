package org.xcpbalancer.simulator.xapi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.xapi.event.EventLog;
import org.xcpbalancer.simulator.xapi.wire.XapiDateTime;

/**
 * XAPI's message class: the alerts xapi writes when something happens to an object. The simulator writes those
 * of message_forwarding.ml's create_vm_message (VM_STARTED, VM_SHUTDOWN, VM_REBOOTED, priority 5), which is how
 * a client tells an administrator's shutdown from a crash: a crash leaves the VM Halted without a VM_SHUTDOWN.
 */
public final class MessageLog {

    /** One message; {@code cls} is the class of the object it is about ("VM", "Host", "Pool"). */
    public record Message(String uuid, String name, long priority, String cls, String objUuid, Instant timestamp,
                          String body) {
    }

    private final PoolModel model;
    private final EventLog events;
    private final ObjectRefs refs;
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private long created;

    MessageLog(PoolModel model, EventLog events, ObjectRefs refs) {
        this.model = model;
        this.events = events;
        this.refs = refs;
    }

    /** Xapi_message.create: a new message at the pool's current time. */
    public void create(String name, long priority, String cls, String objUuid, String body) {
        Message message;
        synchronized (messages) {
            created++;
            String uuid = UUID.nameUUIDFromBytes((model.poolUuid() + "/message/" + created)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            message = new Message(uuid, name, priority, cls, objUuid, model.clock().now(), body);
            messages.put(uuid, message);
        }
        events.add("message", refs.ref(XapiClassNames.MESSAGE, message.uuid()));
    }

    public List<Message> all() {
        synchronized (messages) {
            return new ArrayList<>(messages.values());
        }
    }

    public Message byUuid(String uuid) {
        synchronized (messages) {
            return messages.get(uuid);
        }
    }

    /** The message record as xapi's API (7 fields, as the 8.1 SDK's Message.Record reads them). */
    static Map<String, Object> record(Message message) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("uuid", message.uuid());
        r.put("name", message.name());
        r.put("priority", message.priority());
        r.put("cls", message.cls());
        r.put("obj_uuid", message.objUuid());
        r.put("timestamp", XapiDateTime.of(message.timestamp()));
        r.put("body", message.body());
        return r;
    }

    static Map<String, Object> sample() {
        return record(new Message("", "", 0, "VM", "", Instant.EPOCH, ""));
    }
}
