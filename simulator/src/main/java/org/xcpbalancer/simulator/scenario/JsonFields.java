package org.xcpbalancer.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, path-aware access to one JSON object of a scenario file. Every getter names the field in its error
 * ("vms[3].vcpus: must be an integer from 1 to 256"), and {@link #rejectUnknown()} names fields nobody asked for.
 */
final class JsonFields {
    private final String source;
    private final String path;
    private final JsonNode node;
    private final Set<String> known = new LinkedHashSet<>();

    JsonFields(String source, String path, JsonNode node) throws ScenarioException {
        this.source = source;
        this.path = path;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw new ScenarioException(source, path, "must be a JSON object");
        }
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    ScenarioException error(String field, String problem) {
        return new ScenarioException(source, field == null ? path : path(field), problem);
    }

    String source() {
        return source;
    }

    boolean has(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonNode raw(String field) {
        known.add(field);
        return node.get(field);
    }

    String requiredString(String field) throws ScenarioException {
        if (!has(field)) {
            throw error(field, "missing");
        }
        return string(field);
    }

    String optionalString(String field, String defaultValue) throws ScenarioException {
        return has(field) ? string(field) : defaultValue;
    }

    private String string(String field) throws ScenarioException {
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw error(field, "must be a string");
        }
        return value.asText();
    }

    String requiredName(String field) throws ScenarioException {
        String name = requiredString(field);
        if (name.isBlank()) {
            throw error(field, "must not be empty");
        }
        return name;
    }

    long requiredLong(String field, long min, long max) throws ScenarioException {
        if (!has(field)) {
            throw error(field, "missing");
        }
        return longValue(field, min, max);
    }

    long optionalLong(String field, long min, long max, long defaultValue) throws ScenarioException {
        return has(field) ? longValue(field, min, max) : defaultValue;
    }

    private long longValue(String field, long min, long max) throws ScenarioException {
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.asLong() < min || value.asLong() > max) {
            throw error(field, "must be an integer from " + min + " to " + max + ", not " + value);
        }
        return value.asLong();
    }

    double optionalDouble(String field, double min, double max, double defaultValue) throws ScenarioException {
        return has(field) ? doubleValue(field, min, max) : defaultValue;
    }

    double requiredDouble(String field, double min, double max) throws ScenarioException {
        if (!has(field)) {
            throw error(field, "missing");
        }
        return doubleValue(field, min, max);
    }

    private double doubleValue(String field, double min, double max) throws ScenarioException {
        JsonNode value = node.get(field);
        if (!value.isNumber() || !Double.isFinite(value.asDouble())
                || value.asDouble() < min || value.asDouble() > max) {
            throw error(field, "must be a number from " + ScenarioLoader.plain(min) + " to "
                    + ScenarioLoader.plain(max) + ", not " + value);
        }
        return value.asDouble();
    }

    boolean optionalBoolean(String field, boolean defaultValue) throws ScenarioException {
        if (!has(field)) {
            return defaultValue;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw error(field, "must be true or false, not " + value);
        }
        return value.asBoolean();
    }

    List<String> stringList(String field) throws ScenarioException {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error(field, "must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new ScenarioException(source, path(field) + "[" + i + "]", "must be a string");
            }
            result.add(value.get(i).asText());
        }
        return result;
    }

    Map<String, String> stringMap(String field) throws ScenarioException {
        if (!has(field)) {
            return Map.of();
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw error(field, "must be an object of string values");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new ScenarioException(source, path(field) + "." + entry.getKey(), "must be a string");
            }
            result.put(entry.getKey(), entry.getValue().asText());
        }
        return result;
    }

    JsonNode array(String field, boolean required) throws ScenarioException {
        if (!has(field)) {
            if (required) {
                throw error(field, "missing");
            }
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error(field, "must be an array");
        }
        return value;
    }

    /** Fails on the first field that no getter asked for. Call after reading every known field. */
    void rejectUnknown() throws ScenarioException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw error(field, "unknown field (known: " + String.join(", ", known) + ")");
            }
        }
    }
}
