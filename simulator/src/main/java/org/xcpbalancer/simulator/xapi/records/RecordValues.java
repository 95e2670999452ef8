package org.xcpbalancer.simulator.xapi.records;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for building XAPI records as ordered maps. */
final class RecordValues {

    private RecordValues() {
    }

    static Map<String, Object> record(int expectedSize) {
        return new LinkedHashMap<>(expectedSize * 4 / 3 + 1);
    }

    /** An empty XAPI set or map is still a value: XAPI always sends every field. */
    static List<Object> emptySet() {
        return List.of();
    }

    static Map<String, Object> emptyMap() {
        return Map.of();
    }

    static List<Object> set(Object... values) {
        return new ArrayList<>(List.of(values));
    }

    static Map<String, Object> stringMap(String... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Map<String, Object> copyOf(Map<String, String> source) {
        return new LinkedHashMap<>(source);
    }
}
