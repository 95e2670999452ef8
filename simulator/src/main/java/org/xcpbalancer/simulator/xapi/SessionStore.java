package org.xcpbalancer.simulator.xapi;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions by ref. XML-RPC and JSON-RPC share this store, so a session made on one works on the other.
 * Refs are random, as XAPI's are: a client must not guess them.
 */
public final class SessionStore {

    private final Map<String, SimSession> sessions = new ConcurrentHashMap<>();

    public SimSession create(String userName, String originator, String thisHostUuid, Instant now) {
        String ref = "OpaqueRef:" + UUID.randomUUID();
        SimSession session = new SimSession(ref, UUID.randomUUID().toString(), userName, originator,
                thisHostUuid, now);
        sessions.put(ref, session);
        return session;
    }

    /** The session for this ref, or SESSION_INVALID [ref] as XAPI raises it. */
    public SimSession require(Object ref) throws XapiException {
        SimSession session = ref instanceof String s ? sessions.get(s) : null;
        if (session == null) {
            throw new XapiException(XapiErrorCodes.SESSION_INVALID, String.valueOf(ref));
        }
        return session;
    }

    public boolean isValid(String ref) {
        return ref != null && sessions.containsKey(ref);
    }

    public void remove(String ref) {
        sessions.remove(ref);
    }

    /** The "session expiry" fault: every session becomes invalid at once, as after a xapi restart. */
    public int invalidateAll() {
        int count = sessions.size();
        sessions.clear();
        return count;
    }

    public int size() {
        return sessions.size();
    }
}
