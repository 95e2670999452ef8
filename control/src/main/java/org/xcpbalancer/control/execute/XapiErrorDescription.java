package org.xcpbalancer.control.execute;

import com.xensource.xenapi.Types;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * XAPI's error description [CODE, params...] of an SDK exception. The 8.1 SDK turns known error codes into typed
 * exceptions (Types.HostNotEnoughFreeMemory with fields needed and available) whose errorDescription is null,
 * so the code is rebuilt from the class name (HostNotEnoughFreeMemory -> HOST_NOT_ENOUGH_FREE_MEMORY) and the
 * parameters from its public fields, which the SDK declares in XAPI's parameter order.
 */
final class XapiErrorDescription {
    private XapiErrorDescription() {
    }

    static List<String> of(Types.XenAPIException e) {
        if (e.errorDescription != null && e.errorDescription.length > 0) {
            return List.of(e.errorDescription);
        }
        List<String> description = new ArrayList<>();
        String name = e.getClass().getSimpleName();
        description.add(name.equals("XenAPIException") ? String.valueOf(e.shortDescription)
                : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT));
        for (Field field : e.getClass().getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers)) {
                try {
                    description.add(String.valueOf(field.get(e)));
                } catch (IllegalAccessException ignored) {
                    // public fields of a public class are readable
                }
            }
        }
        return description;
    }
}
