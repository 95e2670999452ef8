package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Why candidate moves were turned down: a count per kind with the first example, for the "nothing moved" line. */
final class Rejections {
    static final String DESTINATION_VIOLATES = "would make the destination violate a rule";
    static final String NO_MEMORY = "find no free memory on the destination";
    static final String NO_IMPROVEMENT = "would not improve the source";
    static final String OTHER_VIOLATES = "would make another host violate a rule";
    static final int EXAMPLES_PER_KIND = 2;
    static final String NOT_BETTER = "would not reduce the deviation";

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> examples = new LinkedHashMap<>();

    /** Counts a rejection; the example text is only built for the first per destination,
     * up to {@link #EXAMPLES_PER_KIND}, as thousands of candidates may be turned down in one pass. */
    void note(String kind, String destination, Supplier<String> example) {
        counts.merge(kind, 1, Integer::sum);
        Map<String, String> byDestination = examples.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        if (byDestination.size() < EXAMPLES_PER_KIND && !byDestination.containsKey(destination)) {
            byDestination.put(destination, example.get());
        }
    }

    int count(String kind) {
        return counts.getOrDefault(kind, 0);
    }

    String summary() {
        List<String> parts = new ArrayList<>();
        for (var entry : counts.entrySet()) {
            parts.add(entry.getValue() + " " + entry.getKey() + " (e.g. "
                    + String.join("; ", examples.get(entry.getKey()).values()) + ")");
        }
        return parts.isEmpty() ? "no candidate" : String.join("; ", parts);
    }
}
