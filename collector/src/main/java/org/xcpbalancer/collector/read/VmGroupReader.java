package org.xcpbalancer.collector.read;

import com.xensource.xenapi.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcpbalancer.xapi.RawXapiCall;
import org.xcpbalancer.xapi.XapiSession;

/**
 * Reads every VM_group with one VM_group.get_all_records. The 8.1 SDK predates VM groups (XAPI 24.x): it has no
 * VM_group class and its VM.Record has no groups field. So the call is made raw, through the session's own
 * connection (the SDK's Connection.dispatch, see {@link RawXapiCall}), not with a second client, and the
 * members come from VM_group.VMs rather than from VM.groups. A pool whose XAPI has no VM groups (XCP-ng 8.2
 * answers MESSAGE_METHOD_UNKNOWN) simply has none.
 */
public final class VmGroupReader {
    static final String METHOD = "VM_group.get_all_records";
    private static final Logger LOG = LoggerFactory.getLogger(VmGroupReader.class);

    private VmGroupReader() {
    }

    /** VM_group ref -> group; empty when the pool's XAPI has no VM groups. */
    public static Map<String, ObservedGroup> read(XapiSession session) {
        Object value = session.read(METHOD, c -> {
            try {
                return RawXapiCall.of(METHOD).call(c);
            } catch (Types.MessageMethodUnknown unknown) {
                LOG.debug("{}: MESSAGE_METHOD_UNKNOWN, this XAPI has no VM groups", METHOD);
                return Map.of();
            }
        });
        return decode(value);
    }

    /** Apache XML-RPC's decoding of {ref: {uuid, name_label, placement, VMs: [refs]}}; odd entries are skipped. */
    static Map<String, ObservedGroup> decode(Object value) {
        Map<String, ObservedGroup> groups = new HashMap<>();
        if (!(value instanceof Map<?, ?> records)) {
            return groups;
        }
        records.forEach((ref, record) -> {
            if (record instanceof Map<?, ?> fields && fields.get("uuid") instanceof String uuid) {
                groups.put(String.valueOf(ref), new ObservedGroup(uuid, text(fields.get("name_label")),
                        text(fields.get("placement")), refs(fields.get("VMs"))));
            }
        });
        return groups;
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }

    private static Set<String> refs(Object value) {
        Set<String> refs = new HashSet<>();
        if (value instanceof Object[] array) {
            for (Object ref : array) {
                refs.add(String.valueOf(ref));
            }
        } else if (value instanceof Iterable<?> list) {
            list.forEach(ref -> refs.add(String.valueOf(ref)));
        }
        return refs;
    }
}
