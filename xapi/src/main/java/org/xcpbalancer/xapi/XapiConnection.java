package org.xcpbalancer.xapi;

import com.xensource.xenapi.APIVersion;
import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Types;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransportFactory;

/**
 * The SDK's {@link Connection}, with three changes that the SDK offers no setting for:
 * <ul>
 * <li>its own Apache XML-RPC client whose transport uses our {@link XapiTls} socket factory on this connection
 * only (the SDK's would use the JVM-wide default), with millisecond connect and reply timeouts;</li>
 * <li>every request is counted, so a collection can report how many round trips it took;</li>
 * <li>after login the SDK's Connection asks session.get_this_host twice and host.get_API_version_major/minor
 * to learn an API version nothing here uses: three round trips per login that this class skips
 * ({@link #getAPIVersion()} answers UNKNOWN, as the SDK does when a server does not say).</li>
 * </ul>
 * The calls themselves are still the SDK's: its marshalling, its typed records and its typed exceptions
 * (Types.checkResponse, package-private in the SDK, is reached once by reflection).
 */
final class XapiConnection extends Connection {
    private static final Method CHECK_RESPONSE = checkResponseMethod();
    private static final int SECONDS_ROUNDED_UP = 999;

    private final XmlRpcClient client;
    private final AtomicLong requestCounter;
    private final URL url;
    private volatile String sessionReference;

    XapiConnection(URL url, XapiTls tls, Duration connectTimeout, Duration replyTimeout, AtomicLong requestCounter) {
        super(url, seconds(replyTimeout), seconds(connectTimeout));
        this.url = url;
        this.requestCounter = requestCounter;
        XmlRpcClientConfigImpl config = getConfig();
        config.setConnectionTimeout(millis(connectTimeout));
        config.setReplyTimeout(millis(replyTimeout));
        client = new XmlRpcClient();
        client.setConfig(config);
        XmlRpcSun15HttpTransportFactory transport = new XmlRpcSun15HttpTransportFactory(client);
        if (tls != null) {
            transport.setSSLSocketFactory(tls.socketFactory());
        }
        client.setTransportFactory(transport);
    }

    URL url() {
        return url;
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Map dispatch(String methodCall, Object[] methodParams) throws XmlRpcException, Types.XenAPIException {
        requestCounter.incrementAndGet();
        Map response = (Map) client.execute(methodCall, methodParams);
        boolean success = "Success".equals(response.get("Status"));
        if (success && methodCall.equals("session.login_with_password")) {
            sessionReference = Types.toSession(response.get("Value")).toWireString();
        } else if (methodCall.equals("session.logout")) {
            sessionReference = null;
        }
        return checkResponse(response);
    }

    /**
     * A call the 8.1 SDK has no method for (e.g. VM_group.get_all_records, XAPI 24.x), made on this connection:
     * the same transport, session, request count and typed errors as the SDK's calls. The session reference goes
     * first, as the SDK sends it; the value comes back as Apache XML-RPC decoded it (Map, Object[], String, ...).
     */
    Object dispatchRaw(String method, Object... params) throws XmlRpcException, Types.XenAPIException {
        Object[] withSession = new Object[params.length + 1];
        withSession[0] = sessionReference;
        System.arraycopy(params, 0, withSession, 1, params.length);
        return dispatch(method, withSession).get("Value");
    }

    @Override
    public String getSessionReference() {
        return sessionReference;
    }

    @Override
    public APIVersion getAPIVersion() {
        return APIVersion.UNKNOWN;
    }

    @SuppressWarnings("rawtypes")
    private static Map checkResponse(Map response) throws Types.XenAPIException {
        try {
            return (Map) CHECK_RESPONSE.invoke(null, response);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Types.XenAPIException xapi) {
                throw xapi;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("unexpected failure decoding a XAPI response", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the SDK's Types.checkResponse", e);
        }
    }

    private static Method checkResponseMethod() {
        try {
            Method method = Types.class.getDeclaredMethod("checkResponse", Map.class);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the XAPI SDK on the class path is not 8.1.0: no Types.checkResponse", e);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    private static int seconds(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, (duration.toMillis() + SECONDS_ROUNDED_UP) / 1000);
    }
}
