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

    /** Per kind (ordinal), how many; kinds in the order first seen, as the summary names them. */
    private final int[] counts = new int[RejectionKind.values().length];
    private final List<RejectionKind> seen = new ArrayList<>();
    private final Map<RejectionKind, Map<String, String>> examples = new EnumMap<>(RejectionKind.class);

    /**
     * Counts a rejection; the example text is only built for the first per destination, up to
     * {@link #EXAMPLES_PER_KIND}, as thousands of candidates may be turned down in one search.
     */
    void note(RejectionKind kind, String destination, Supplier<String> example) {
        if (count(kind, destination)) {
            example(kind, destination, example.get());
        }
    }

    /**
     * Counts a rejection without building anything; true when its example is wanted ({@link #example}). The
     * candidate loop calls this: a lambda per rejection was most of a search's garbage.
     */
    boolean count(RejectionKind kind, String destination) {
        if (counts[kind.ordinal()]++ == 0) {
            seen.add(kind);
        }
        Map<String, String> byDestination = examples.get(kind);
        return byDestination == null
                || byDestination.size() < EXAMPLES_PER_KIND && !byDestination.containsKey(destination);
    }

    void example(RejectionKind kind, String destination, String text) {
        examples.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(destination, text);
    }

    /** "1 would make the destination violate a rule (e.g. moving Big to Host1 would ...)", or "no candidate". */
    String summary() {
        List<String> parts = new ArrayList<>();
        for (RejectionKind kind : seen) {
            parts.add(counts[kind.ordinal()] + " " + kind.words() + " (e.g. "
                    + String.join("; ", examples.get(kind).values()) + ")");
        }
        return parts.isEmpty() ? "no candidate" : String.join("; ", parts);
    }
}
