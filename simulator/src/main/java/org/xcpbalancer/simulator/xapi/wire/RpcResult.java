package org.xcpbalancer.simulator.xapi.wire;

import java.util.List;

/**
 * The outcome of one call: a value on success, or an error code with its parameters (XAPI's ErrorDescription).
 * Values are plain Java: String (also refs, enums, void ""), Long (XAPI int64), XapiInt32, Double, Boolean,
 * XapiDateTime, List (sets) and Map (maps and records, in insertion order).
 */
public sealed interface RpcResult {

    record Success(Object value) implements RpcResult {
    }

    record Failure(List<String> errorDescription) implements RpcResult {
        public Failure {
            errorDescription = List.copyOf(errorDescription);
        }

        public String code() {
            return errorDescription.get(0);
        }
    }

    static RpcResult success(Object value) {
        return new Success(value);
    }

    static RpcResult failure(List<String> errorDescription) {
        return new Failure(errorDescription);
    }
}
