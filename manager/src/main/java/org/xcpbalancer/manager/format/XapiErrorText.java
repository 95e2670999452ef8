package org.xcpbalancer.manager.format;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An XAPI error as the migration log stores it ("VM_MIGRATE_FAILED OpaqueRef:... OpaqueRef:... text"), shown
 * short: the error code, then its parameters without the OpaqueRefs (object references mean nothing to a
 * reader, and three of them made SHOW MIGRATIONS hundreds of columns wide).
 */
public final class XapiErrorText {
    private static final String REFERENCE = "OpaqueRef:";
    private static final int MAX_DETAIL = 80;

    private XapiErrorText() {
    }

    /** "VM_MIGRATE_FAILED: Host rejected the VM"; the code alone when nothing else is said. */
    public static String brief(String stored) {
        String firstLine = stored.strip().lines().findFirst().orElse("");
        List<String> words = Arrays.stream(firstLine.split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            return "";
        }
        String detail = words.subList(1, words.size()).stream().filter(w -> !w.startsWith(REFERENCE))
                .collect(Collectors.joining(" "));
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 3) + "...";
        }
        return detail.isEmpty() ? words.get(0) : words.get(0) + ": " + detail;
    }
}
