package org.xcpbalancer.simulator.xapi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One XAPI class the simulator serves: its objects by uuid and how to build a record. The generic methods
 * (get_all, get_all_records, get_record, get_by_uuid, get_&lt;field&gt;) are derived from this.
 */
public record XapiObjectClass(String name, Supplier<List<String>> uuids, Predicate<String> exists,
                              Function<String, Map<String, Object>> record, List<String> fieldNames,
                              Function<String, String> nameLabel) {

    /** Whether get_by_name_label exists for this class (it has a name_label field). */
    public boolean named() {
        return nameLabel != null;
    }

    /** The event class: xapi reports classes in lower case ("vm", "vm_metrics"). */
    public String eventClass() {
        return eventClassOf(name);
    }

    /** xapi reports classes in lower case in events ("VM_metrics" is "vm_metrics"). */
    public static String eventClassOf(String xapiClass) {
        return xapiClass.toLowerCase(Locale.ROOT);
    }
}
