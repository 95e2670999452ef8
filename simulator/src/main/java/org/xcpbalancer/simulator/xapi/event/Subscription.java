package org.xcpbalancer.simulator.xapi.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * event.from's classes argument, parsed as xapi_event.ml does: "*" is everything, "vm" a class, "vm/OpaqueRef:x"
 * one object. Class names compare in lower case.
 */
public final class Subscription {

    private record Item(String xapiClass, String ref) {
    }

    private final List<Item> items;
    private final boolean all;

    private Subscription(List<Item> items, boolean all) {
        this.items = items;
        this.all = all;
    }

    public static Subscription parse(List<?> classes) {
        List<Item> items = new ArrayList<>();
        boolean all = false;
        for (Object value : classes) {
            String text = String.valueOf(value);
            if (text.equals("*")) {
                all = true;
                continue;
            }
            int slash = text.indexOf('/');
            if (slash < 0) {
                items.add(new Item(text.toLowerCase(Locale.ROOT), null));
            } else {
                items.add(new Item(text.substring(0, slash).toLowerCase(Locale.ROOT), text.substring(slash + 1)));
            }
        }
        return new Subscription(List.copyOf(items), all);
    }

    /** @param xapiClass the lower-case event class */
    public boolean matches(String xapiClass, String ref) {
        if (all) {
            return true;
        }
        for (Item item : items) {
            if (item.xapiClass().equals(xapiClass) && (item.ref() == null || item.ref().equals(ref))) {
                return true;
            }
        }
        return false;
    }
}
