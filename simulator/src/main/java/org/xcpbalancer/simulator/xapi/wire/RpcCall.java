package org.xcpbalancer.simulator.xapi.wire;

import java.util.List;

/**
 * One decoded XAPI call, whichever wire it came on. Params are plain Java values: String, Long, Double, Boolean,
 * XapiDateTime, List and Map (String keys).
 */
public record RpcCall(String method, List<Object> params) {

    public RpcCall {
        params = List.copyOf(params);
    }
}
