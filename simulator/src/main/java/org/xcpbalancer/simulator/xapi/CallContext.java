package org.xcpbalancer.simulator.xapi;

import java.util.List;
import java.util.Map;

/**
 * One call being served: which method, on which host's address, with which session (null for calls made without
 * one, such as session.login_with_password) and its arguments after the session.
 */
public record CallContext(String method, String hostUuid, SimSession session, List<Object> args) {

    public Object arg(int index) {
        return args.get(index);
    }

    public String stringArg(int index) throws XapiException {
        Object value = args.get(index);
        if (value instanceof String s) {
            return s;
        }
        throw typeError(index, "string", value);
    }

    /** XAPI floats arrive as doubles, but JSON clients may send 30 for 30.0 and XML-RPC clients a string. */
    public double doubleArg(int index) throws XapiException {
        Object value = args.get(index);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw typeError(index, "float", value);
            }
        }
        throw typeError(index, "float", value);
    }

    public List<?> listArg(int index) throws XapiException {
        Object value = args.get(index);
        if (value instanceof List<?> list) {
            return list;
        }
        throw typeError(index, "array", value);
    }

    public Map<?, ?> mapArg(int index) throws XapiException {
        Object value = args.get(index);
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        if (value instanceof String s && s.isEmpty()) {
            return Map.of(); // the 8.1 SDK sends a null map as ""
        }
        throw typeError(index, "struct", value);
    }

    private XapiException typeError(int index, String expected, Object actual) {
        // xapi's unmarshaller answers a wrongly typed argument with FIELD_TYPE_ERROR [parameter].
        return new XapiException("FIELD_TYPE_ERROR", "argument " + (index + 1) + " of " + method
                + ": expected " + expected + ", got " + (actual == null ? "nil" : actual.getClass().getSimpleName()));
    }
}
