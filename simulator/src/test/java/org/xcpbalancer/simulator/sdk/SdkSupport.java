package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Session;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Logs in through the official SDK and checks decoded records. */
final class SdkSupport {

    private SdkSupport() {
    }

    static Connection login(URI url) throws Exception {
        Connection connection = new Connection(url.toURL(), 30, 5);
        Session.loginWithPassword(connection, "root", "root", "2.15", "simulator test");
        return connection;
    }

    /** Every public field of an SDK Record: XAPI always sends every field, so none may decode to null. */
    static void assertNoNullFields(Object record) throws IllegalAccessException {
        List<String> nulls = new ArrayList<>();
        for (Field field : record.getClass().getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            if (field.get(record) == null) {
                nulls.add(field.getName());
            }
        }
        assertThat(nulls).as("null fields in %s", record.getClass().getName()).isEmpty();
    }
}
