package org.xcpbalancer.simulator.xapi.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-RPC 1.0 and 2.0 as XAPI speaks them (ocaml-rpc's jsonrpc.ml + xapi's api_server.ml): int64s as JSON
 * numbers, floats in Yojson's text, datetimes as strings. 1.0 answers {result, error, id} with error an array
 * [CODE, params...]; 2.0 answers {jsonrpc, result|error, id} with error {code: 1, message: CODE, data: [params]}.
 */
public final class JsonRpcCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parsed request: its version and id are echoed in the response. */
    public record Request(boolean version2, JsonNode id, RpcCall call) {
    }

    private JsonRpcCodec() {
    }

    public static Request parse(byte[] body) throws MalformedCallException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedCallException("Jsonrpc.Malformed_method_request: unable to parse body", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedCallException("Jsonrpc.Malformed_method_request(\"Invalid request body\")");
        }
        JsonNode method = root.get("method");
        if (method == null || !method.isTextual()) {
            throw new MalformedCallException("Jsonrpc.Malformed_method_request(\"Required field method is missing\")");
        }
        JsonNode version = root.get("jsonrpc");
        boolean version2;
        if (version == null) {
            version2 = false;
        } else if (version.isTextual() && version.asText().equals("2.0")) {
            version2 = true;
        } else {
            throw new MalformedCallException("Jsonrpc.Malformed_method_request(\"Invalid field 'jsonrpc'\")");
        }
        JsonNode params = root.get("params");
        List<Object> values = new ArrayList<>();
        if (params == null || params.isNull()) {
            if (!version2) {
                throw new MalformedCallException("Jsonrpc.Malformed_method_request(\"Required field params is missing\")");
            }
        } else if (params.isArray()) {
            for (JsonNode param : params) {
                values.add(toJava(param));
            }
        } else if (params.isObject() && version2) {
            values.add(toJava(params));
        } else {
            throw new MalformedCallException("Jsonrpc.Malformed_method_request(\"Invalid field 'params'\")");
        }
        JsonNode id = root.get("id");
        if (id == null || id.isNull() || !(id.isIntegralNumber() || id.isTextual())) {
            // XAPI does not accept notifications.
            throw new MalformedCallException("Jsonrpc.Malformed_method_request(\"Invalid field 'id'\")");
        }
        return new Request(version2, id, new RpcCall(method.asText(), values));
    }

    private static Object toJava(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(toJava(item)));
            return items;
        }
        if (node.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                members.put(field.getKey(), toJava(field.getValue()));
            }
            return members;
        }
        return null;
    }

    /** The response to a request, in its version. */
    public static String response(Request request, RpcResult result) {
        return response(request.version2(), idText(request.id()), result);
    }

    /** XAPI answers a request whose body it could not use with a 2.0 failure carrying id 0. */
    public static String response(boolean version2, String idText, RpcResult result) {
        StringBuilder out = new StringBuilder(256);
        if (version2) {
            out.append("{\"jsonrpc\":\"2.0\",");
            if (result instanceof RpcResult.Success success) {
                out.append("\"result\":");
                writeValue(out, success.value());
            } else {
                List<String> description = ((RpcResult.Failure) result).errorDescription();
                out.append("\"error\":{\"code\":1,\"message\":");
                writeString(out, description.get(0));
                out.append(",\"data\":");
                writeValue(out, description.subList(1, description.size()));
                out.append('}');
            }
        } else {
            out.append('{');
            if (result instanceof RpcResult.Success success) {
                out.append("\"result\":");
                writeValue(out, success.value());
                out.append(",\"error\":null");
            } else {
                out.append("\"result\":null,\"error\":");
                writeValue(out, ((RpcResult.Failure) result).errorDescription());
            }
        }
        out.append(",\"id\":").append(idText).append('}');
        return out.toString();
    }

    private static String idText(JsonNode id) {
        try {
            return JSON.writeValueAsString(id);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String value(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value);
        return out.toString();
    }

    public static void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof XapiInt32 i) {
            out.append(i.value());
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Double d) {
            out.append(XapiFloats.jsonRpc(d));
        } else if (value instanceof XapiDateTime date) {
            writeString(out, date.wireText());
        } else if (value instanceof List<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeValue(out, item);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, String.valueOf(member.getKey()));
                out.append(':');
                writeValue(out, member.getValue());
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no JSON-RPC encoding for " + value.getClass().getName());
        }
    }

    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Yojson's string escaping: quote, backslash and control characters; everything else as UTF-8. */
    static void writeString(StringBuilder out, String text) {
        out.append('"');
        if (isPlain(text)) {
            out.append(text).append('"'); // the common case: nothing to escape, copy at once
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
