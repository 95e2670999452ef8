package org.xcpbalancer.simulator.xapi;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opaque refs for objects known by class and uuid. A ref is derived from (class, uuid) so it is stable for the life
 * of the simulator and differs from the uuid, as on a real pool (clients must not treat refs as uuids).
 */
public final class ObjectRefs {

    public static final String NULL_REF = "OpaqueRef:NULL";
    private static final String PREFIX = "OpaqueRef:";

    /** What a ref points at. */
    public record Target(String xapiClass, String uuid) {
    }

    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final Map<Target, String> refs = new ConcurrentHashMap<>();

    public String ref(String xapiClass, String uuid) {
        if (uuid == null || uuid.isEmpty()) {
            return NULL_REF;
        }
        Target target = new Target(xapiClass, uuid);
        String ref = refs.get(target);
        if (ref == null) {
            ref = PREFIX + UUID.nameUUIDFromBytes((xapiClass + "/" + uuid).getBytes(StandardCharsets.UTF_8));
            refs.putIfAbsent(target, ref);
            targets.putIfAbsent(ref, target);
        }
        return ref;
    }

    /** The uuid behind a ref of this class, or HANDLE_INVALID [class, ref]. */
    public String uuid(String xapiClass, Object ref) throws XapiException {
        Target target = ref instanceof String s ? targets.get(s) : null;
        if (target == null || !target.xapiClass().equals(xapiClass)) {
            throw new XapiException(XapiErrorCodes.HANDLE_INVALID, xapiClass, String.valueOf(ref));
        }
        return target.uuid();
    }

    public Target target(String ref) {
        return targets.get(ref);
    }
}
