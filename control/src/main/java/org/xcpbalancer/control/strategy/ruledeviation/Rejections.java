package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Why candidate moves were turned down: a count per kind with the first examples, for the "nothing moved" line. */
final class Rejections {
    static final int EXAMPLES_PER_KIND = 2;

    private final Map<RejectionKind, Integer> counts = new LinkedHashMap<>();
    private final Map<RejectionKind, Map<String, String>> examples = new EnumMap<>(RejectionKind.class);

    /**
     * Counts a rejection; the example text is only built for the first per destination, up to
     * {@link #EXAMPLES_PER_KIND}, as thousands of candidates may be turned down in one search.
     */
    void note(RejectionKind kind, String destination, Supplier<String> example) {
        counts.merge(kind, 1, Integer::sum);
        Map<String, String> byDestination = examples.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        if (byDestination.size() < EXAMPLES_PER_KIND && !byDestination.containsKey(destination)) {
            byDestination.put(destination, example.get());
        }
    }

    /** "1 would make the destination violate a rule (e.g. moving Big to Host1 would ...)", or "no candidate". */
    String summary() {
        List<String> parts = new ArrayList<>();
        for (var entry : counts.entrySet()) {
            parts.add(entry.getValue() + " " + entry.getKey().words() + " (e.g. "
                    + String.join("; ", examples.get(entry.getKey()).values()) + ")");
        }
        return parts.isEmpty() ? "no candidate" : String.join("; ", parts);
    }
}
