package org.xcpbalancer.simulator.xapi.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A XAPI datetime. XAPI writes them as {@code 20240101T12:00:00Z} (basic ISO 8601, UTC, second precision): inside
 * {@code <dateTime.iso8601>} in XML-RPC and as a plain string in JSON-RPC.
 */
public record XapiDateTime(Instant instant) {

    /** XAPI's zero date, used for "never" (e.g. a task's finished time while it runs). */
    public static final XapiDateTime EPOCH = new XapiDateTime(Instant.EPOCH);

    private static final DateTimeFormatter WIRE_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    public static XapiDateTime of(Instant instant) {
        return new XapiDateTime(instant);
    }

    public String wireText() {
        return WIRE_FORMAT.format(instant);
    }

    @Override
    public String toString() {
        return wireText();
    }
}
