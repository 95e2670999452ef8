package org.xcpbalancer.simulator.xapi;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xcpbalancer.simulator.xapi.wire.XapiDateTime;

/** message.get_since (the generic getters serve the rest of the class). */
final class MessageMethods {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss");

    private MessageMethods() {
    }

    static void register(MethodTable table, XapiServices services) {
        table.add("message.get_since", 1, context -> {
            Instant since = instant(context);
            Map<String, Object> result = new LinkedHashMap<>();
            for (MessageLog.Message message : services.messages().all()) {
                if (message.timestamp().isAfter(since)) {
                    result.put(services.refs().ref(XapiClassNames.MESSAGE, message.uuid()), MessageLog.record(message));
                }
            }
            return result;
        });
    }

    /** A datetime argument: XML-RPC's dateTime.iso8601, or JSON-RPC's string in xapi's basic format. */
    private static Instant instant(CallContext context) throws XapiException {
        Object value = context.arg(0);
        if (value instanceof XapiDateTime date) {
            return date.instant();
        }
        if (value instanceof String text) {
            try {
                String local = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
                return LocalDateTime.parse(local.replace("-", ""), BASIC).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new XapiException(XapiErrorCodes.FIELD_TYPE_ERROR, "since");
            }
        }
        throw new XapiException(XapiErrorCodes.FIELD_TYPE_ERROR, "since");
    }
}
