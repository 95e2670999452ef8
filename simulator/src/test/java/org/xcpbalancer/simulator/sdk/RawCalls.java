package org.xcpbalancer.simulator.sdk;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Session;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import org.apache.xmlrpc.client.XmlRpcClient;

/**
 * The SDK's own connection with its dispatch opened up, for the calls the 8.1 SDK has no method for (VM_group.*,
 * VM.set_groups, VM.get_groups) and for errors exactly as the wire carries them.
 */
final class RawCalls extends Connection {

    private RawCalls(URI url) throws Exception {
        super(url.toURL(), 30, 5);
    }

    static RawCalls login(URI url) throws Exception {
        RawCalls connection = new RawCalls(url);
        Session.loginWithPassword(connection, "root", "root", "2.15", "simulator raw test");
        return connection;
    }

    /** The call's Value; the session reference goes first, as the SDK sends it. */
    Object call(String method, Object... params) throws Exception {
        Object[] withSession = new Object[params.length + 1];
        withSession[0] = getSessionReference();
        System.arraycopy(params, 0, withSession, 1, params.length);
        @SuppressWarnings("rawtypes")
        Map response = dispatch(method, withSession);
        return response.get("Value");
    }

    /**
     * The error's code and parameters exactly as sent (the SDK's typed exceptions keep only some of them), or
     * fails when the call succeeds.
     */
    String[] error(String method, Object... params) throws Exception {
        XmlRpcClient client = new XmlRpcClient();
        client.setConfig(getConfig());
        Object[] withSession = new Object[params.length + 1];
        withSession[0] = getSessionReference();
        System.arraycopy(params, 0, withSession, 1, params.length);
        Map<?, ?> response = (Map<?, ?>) client.execute(method, withSession);
        if ("Success".equals(response.get("Status"))) {
            throw new AssertionError(method + " succeeded");
        }
        return Arrays.stream((Object[]) response.get("ErrorDescription")).map(String::valueOf).toArray(String[]::new);
    }
}
