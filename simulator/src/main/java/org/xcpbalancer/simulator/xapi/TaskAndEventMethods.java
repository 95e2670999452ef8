package org.xcpbalancer.simulator.xapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.simulator.xapi.event.EventLog;
import org.xcpbalancer.simulator.xapi.event.Subscription;
import org.xcpbalancer.simulator.xapi.wire.XapiInt32;

/** task.cancel/destroy and event.from/inject/get_current_id, following xapi_task.ml and xapi_event.ml. */
final class TaskAndEventMethods {

    /** xapi_event.ml's token: "%020d,%020d" (database generation, message generation). */
    private static final String TOKEN_FORMAT = "%020d,%020d";
    /** event.from answers no later than this, whatever timeout the client asks for (xapi caps it at a day). */
    private static final Duration MAX_EVENT_WAIT = Duration.ofDays(1);

    private TaskAndEventMethods() {
    }

    static void register(MethodTable table, XapiServices services) {
        table.add("task.cancel", 1, context -> {
            services.tasks().cancel(services.tasks().require(context.arg(0)));
            return "";
        });
        table.add("task.destroy", 1, context -> {
            services.tasks().destroy(services.tasks().require(context.arg(0)));
            return "";
        });
        table.add("event.from", 3, context -> eventFrom(context, services));
        table.add("event.get_current_id", 0, context -> services.events().generation());
        table.add("event.inject", 2, context -> {
            String className = context.stringArg(0);
            Object ref = context.arg(1);
            XapiObjectClass objectClass = services.objects().byEventClass(XapiObjectClass.eventClassOf(className));
            if (objectClass == null) {
                throw new XapiException(XapiErrorCodes.HANDLE_INVALID, className, String.valueOf(ref));
            }
            services.objects().requireUuid(objectClass.name(), ref);
            long generation = services.events().inject(objectClass.eventClass(), String.valueOf(ref));
            return String.format(TOKEN_FORMAT, generation, 0L);
        });
    }

    private static Object eventFrom(CallContext context, XapiServices services) throws XapiException {
        List<?> classes = context.listArg(0);
        String token = context.stringArg(1);
        double timeoutSeconds = context.doubleArg(2);
        long since = parseToken(token);
        Subscription subscription = Subscription.parse(classes);
        Duration timeout = timeoutSeconds <= 0 ? Duration.ZERO
                : Duration.ofMillis((long) Math.min(timeoutSeconds * 1000, MAX_EVENT_WAIT.toMillis()));
        EventLog.Batch batch;
        try {
            batch = services.events().changesSince(since, subscription, timeout);
        } catch (EventLog.EventsLostException e) {
            throw new XapiException(XapiErrorCodes.EVENTS_LOST);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XapiException(XapiErrorCodes.INTERNAL_ERROR, "interrupted");
        }
        List<Object> events = new ArrayList<>();
        for (EventLog.Change change : batch.changes()) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", Long.toString(change.generation()));
            event.put("timestamp", "0.0"); // xapi_event.ml fills event.from timestamps with "0.0"
            event.put("class", change.xapiClass());
            event.put("operation", change.operation());
            event.put("ref", change.ref());
            if (!change.operation().equals("del")) {
                Map<String, Object> snapshot = snapshot(services, change);
                if (snapshot == null) {
                    continue; // deleted between the change and now: xapi drops such events too
                }
                event.put("snapshot", snapshot);
            }
            events.add(event);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", events);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (XapiObjectClass objectClass : services.objects().all()) {
            counts.put(objectClass.eventClass(), new XapiInt32(objectClass.uuids().get().size()));
        }
        result.put("valid_ref_counts", counts);
        result.put("token", String.format(TOKEN_FORMAT, batch.generation(), 0L));
        return result;
    }

    private static Map<String, Object> snapshot(XapiServices services, EventLog.Change change) {
        XapiObjectClass objectClass = services.objects().byEventClass(change.xapiClass());
        if (objectClass == null) {
            return null;
        }
        ObjectRefs.Target target = services.refs().target(change.ref());
        if (target == null || !objectClass.exists().test(target.uuid())) {
            return null;
        }
        return objectClass.record().apply(target.uuid());
    }

    /** "" is the beginning; otherwise "generation,message-generation" as xapi_event.ml's Token.of_string. */
    private static long parseToken(String token) throws XapiException {
        if (token.isEmpty()) {
            return 0L;
        }
        String[] parts = token.split(",", -1);
        try {
            if (parts.length == 2) {
                Long.parseLong(parts[1].trim());
                return Long.parseLong(parts[0].trim());
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new XapiException(XapiErrorCodes.EVENT_FROM_TOKEN_PARSE_FAILURE, token);
    }
}
