package org.xcpbalancer.simulator.xapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The methods every XAPI class has, derived from its records: get_all, get_all_records, get_record, get_by_uuid,
 * get_by_name_label (when the class has a name) and one get_&lt;field&gt; per record field.
 */
public final class GenericMethods {

    private GenericMethods() {
    }

    public static void register(MethodTable table, PoolObjects objects) {
        for (XapiObjectClass objectClass : objects.all()) {
            register(table, objects, objectClass);
        }
    }

    private static void register(MethodTable table, PoolObjects objects, XapiObjectClass c) {
        String name = c.name();
        table.addIfAbsent(name + ".get_all", 0, context -> {
            List<Object> refs = new ArrayList<>();
            for (String uuid : c.uuids().get()) {
                refs.add(objects.ref(name, uuid));
            }
            return refs;
        });
        table.addIfAbsent(name + ".get_all_records", 0, context -> {
            Map<String, Object> records = new LinkedHashMap<>();
            for (String uuid : c.uuids().get()) {
                if (c.exists().test(uuid)) {
                    records.put(objects.ref(name, uuid), c.record().apply(uuid));
                }
            }
            return records;
        });
        table.addIfAbsent(name + ".get_record", 1,
                context -> c.record().apply(objects.requireUuid(name, context.arg(0))));
        table.addIfAbsent(name + ".get_by_uuid", 1, context -> {
            String uuid = context.stringArg(0);
            if (!c.exists().test(uuid)) {
                throw new XapiException(XapiErrorCodes.UUID_INVALID, name, uuid);
            }
            return objects.ref(name, uuid);
        });
        if (c.named()) {
            table.addIfAbsent(name + ".get_by_name_label", 1, context -> {
                String label = context.stringArg(0);
                List<Object> refs = new ArrayList<>();
                for (String uuid : c.uuids().get()) {
                    if (c.exists().test(uuid) && label.equals(c.nameLabel().apply(uuid))) {
                        refs.add(objects.ref(name, uuid));
                    }
                }
                return refs;
            });
        }
        for (String field : c.fieldNames()) {
            table.addIfAbsent(name + ".get_" + field, 1,
                    context -> c.record().apply(objects.requireUuid(name, context.arg(0))).get(field));
        }
    }
}
