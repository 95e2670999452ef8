package org.xcpbalancer.simulator.http;

import java.util.Map;

/** Serves GET /rrd_updates for one host's address; the query has already passed the session check. */
@FunctionalInterface
public interface RrdUpdatesEndpoint {

    /** The answer body and its content type, or an HTTP error. */
    record Response(int status, String contentType, String body) {
    }

    Response render(String hostUuid, Map<String, String> query);
}
