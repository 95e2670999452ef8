package org.xcpbalancer.core.constraints;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The XAPI tags xcp-balancer reads as placement constraints. A tag is PREFIX + VALUE; the prefix is matched
 * ignoring case and the value is trimmed and lower-cased, so "xcp-balancer:Run-On=SSD " and
 * "xcp-balancer:run-on=ssd" mean the same label (XenCenter users type tags by hand).
 */
public final class ConstraintTags {
    /** On a VM: it should run on a different host than every other VM with the same NAME. */
    public static final String ANTI_AFFINITY = "xcp-balancer:anti-affinity=";
    /** On a VM: it stays on one host with every other VM with the same NAME. */
    public static final String AFFINITY = "xcp-balancer:affinity=";
    /** On a VM: it must run only on hosts labelled LABEL. */
    public static final String RUN_ON = "xcp-balancer:run-on=";
    /** On a VM: it should run on hosts labelled LABEL. */
    public static final String PREFER = "xcp-balancer:prefer=";
    /** On a host: it carries LABEL (several allowed). */
    public static final String LABEL = "xcp-balancer:label=";

    private ConstraintTags() {
    }

    /** The values of the tags with the prefix, trimmed and lower-cased; empty values are ignored. */
    public static Set<String> values(Collection<String> tags, String prefix) {
        Set<String> values = new TreeSet<>();
        if (tags == null) {
            return values;
        }
        for (String tag : tags) {
            if (tag != null && tag.length() > prefix.length() && tag.regionMatches(true, 0, prefix, 0, prefix.length())) {
                String value = tag.substring(prefix.length()).trim().toLowerCase(Locale.ROOT);
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /** Whether the tag is one of the constraint tags above (for listings and completion). */
    public static boolean isConstraintTag(String tag) {
        for (String prefix : new String[] {ANTI_AFFINITY, AFFINITY, RUN_ON, PREFER, LABEL}) {
            if (tag != null && tag.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }
}
