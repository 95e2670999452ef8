package org.xcpbalancer.simulator.xapi;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.xcpbalancer.simulator.xapi.wire.RpcCall;
import org.xcpbalancer.simulator.xapi.wire.RpcResult;

/**
 * Runs one decoded call the way xapi's generated server does: unknown method -> MESSAGE_METHOD_UNKNOWN [method];
 * wrong arity -> MESSAGE_PARAMETER_COUNT_MISMATCH [method, expected, received] (both without the session);
 * then the session check (SESSION_INVALID [ref]); then the method.
 */
public final class XapiDispatcher {

    private final MethodTable methods;
    private final SessionStore sessions;
    private final AtomicLong callCount = new AtomicLong();

    public XapiDispatcher(MethodTable methods, SessionStore sessions) {
        this.methods = methods;
        this.sessions = sessions;
    }

    /**
     * @param hostUuid the host whose address received the call (logins on a slave get HOST_IS_SLAVE)
     */
    public RpcResult dispatch(RpcCall call, String hostUuid) {
        callCount.incrementAndGet();
        MethodTable.Entry entry = methods.get(call.method());
        if (entry == null) {
            return RpcResult.failure(List.of(XapiErrorCodes.MESSAGE_METHOD_UNKNOWN, call.method()));
        }
        List<Object> params = call.params();
        int received = params.size() - (entry.withSession() ? 1 : 0);
        if (received < entry.minArgs() || received > entry.maxArgs()) {
            return RpcResult.failure(List.of(XapiErrorCodes.MESSAGE_PARAMETER_COUNT_MISMATCH, call.method(),
                    Integer.toString(entry.minArgs()), Integer.toString(received)));
        }
        try {
            SimSession session = entry.withSession() ? sessions.require(params.get(0)) : null;
            List<Object> args = entry.withSession() ? params.subList(1, params.size()) : params;
            Object value = entry.implementation().call(new CallContext(call.method(), hostUuid, session, args));
            return RpcResult.success(value);
        } catch (XapiException e) {
            return RpcResult.failure(e.errorDescription());
        } catch (RuntimeException e) {
            return RpcResult.failure(List.of(XapiErrorCodes.INTERNAL_ERROR, String.valueOf(e)));
        }
    }

    public MethodTable methods() {
        return methods;
    }

    /** XAPI calls dispatched so far, including failed ones. */
    public long callCount() {
        return callCount.get();
    }
}
