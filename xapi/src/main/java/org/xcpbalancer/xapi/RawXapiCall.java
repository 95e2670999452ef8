package org.xcpbalancer.xapi;

/**
 * A call the 8.1 SDK does not know (e.g. {@code VM_group.get_all_records}, XAPI 24.x), to hand to
 * {@link XapiSession#read} or {@link XapiSession#call}: made on the session's own connection (not a second
 * client) through the SDK's Connection.dispatch, so it shares the session, the request count and the typed
 * errors; the value comes back undecoded (structs as Map, arrays as Object[]).
 */
public final class RawXapiCall {
    private RawXapiCall() {
    }

    public static XapiCall<Object> of(String method, Object... params) {
        return connection -> {
            if (!(connection instanceof XapiConnection xapi)) {
                throw new IllegalStateException(method + ": not a connection of an XapiSession");
            }
            return xapi.dispatchRaw(method, params);
        };
    }
}
