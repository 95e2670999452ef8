package org.xcpbalancer.xapi;

import com.xensource.xenapi.Types;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
import org.xcpbalancer.core.cli.ErrorText;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * Turns what the SDK and the network throw into one-line {@link UserFacingException}s with the exit code the
 * user can act on. Messages name the pool address and the XAPI error code with its parameters; they never hold
 * a password (XAPI's error parameters never contain one: SESSION_AUTHENTICATION_FAILED carries the user name).
 */
public final class XapiErrors {
    private XapiErrors() {
    }

    /**
     * @param where what was being done, e.g. "pool master http://10.0.0.1" or "VM.get_all_records on http://..."
     */
    public static UserFacingException toUserFacing(String where, Throwable failure) {
        CertificateRejectedException certificate = find(failure, CertificateRejectedException.class);
        if (certificate != null) {
            return new UserFacingException(ExitCode.CERTIFICATE_REJECTED, where + ": " + certificate.getMessage(), failure);
        }
        if (failure instanceof Types.SessionAuthenticationFailed) {
            return new UserFacingException(ExitCode.AUTHENTICATION_FAILED, where
                    + " refused the user name or password (SESSION_AUTHENTICATION_FAILED)", failure);
        }
        if (failure instanceof Types.XenAPIException xapi) {
            return new UserFacingException(ExitCode.FAILURE, where + " failed: " + describe(xapi), failure);
        }
        Integer serverError = serverErrorStatus(failure);
        if (serverError != null) {
            // Like a dropped connection: the pool is there but cannot answer now (toolstack restarting, overloaded).
            return new UserFacingException(ExitCode.POOL_UNREACHABLE, where + " cannot be reached: it answered HTTP "
                    + serverError + " (a server error; try again later)", failure);
        }
        String network = networkProblem(failure);
        if (network != null) {
            return new UserFacingException(ExitCode.POOL_UNREACHABLE, where + " cannot be reached: " + network, failure);
        }
        return new UserFacingException(ExitCode.FAILURE, where + " failed: " + ErrorText.firstLine(failure), failure);
    }

    /** "CODE param1 param2", as xe prints XAPI errors. */
    public static String describe(Types.XenAPIException xapi) {
        return String.join(" ", description(xapi));
    }

    /**
     * XAPI's error description [CODE, params...]. The 8.1 SDK turns known codes into typed exceptions
     * (Types.HostNotEnoughFreeMemory with fields needed and available) whose errorDescription is null, so the code
     * is rebuilt from the class name (HostNotEnoughFreeMemory -> HOST_NOT_ENOUGH_FREE_MEMORY) and the parameters
     * from its public fields, which the SDK declares in XAPI's parameter order.
     */
    public static List<String> description(Types.XenAPIException xapi) {
        if (xapi.errorDescription != null && xapi.errorDescription.length > 0) {
            return List.of(xapi.errorDescription);
        }
        List<String> description = new ArrayList<>();
        String name = xapi.getClass().getSimpleName();
        description.add(name.equals("XenAPIException")
                ? (xapi.shortDescription == null ? name : xapi.shortDescription)
                : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        for (Field field : xapi.getClass().getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers)) {
                try {
                    description.add(String.valueOf(field.get(xapi)));
                } catch (IllegalAccessException ignored) {
                    // public fields of a public class are readable
                }
            }
        }
        return description;
    }

    /** The XAPI error code of a failure (SESSION_INVALID, HOST_OFFLINE, ...), or null if it is not a XAPI error. */
    public static String code(Throwable failure) {
        if (!(failure instanceof Types.XenAPIException xapi)) {
            return null;
        }
        boolean untyped = xapi.getClass() == Types.XenAPIException.class;
        return untyped && (xapi.errorDescription == null || xapi.errorDescription.length == 0) ? null : description(xapi).get(0);
    }

    /**
     * The HTTP status when the failure is a server error (5xx) answered to an XML-RPC call or an HTTP GET, else
     * null. xcp-collect and xcp-control treat it as a transport failure: retried where the call may be repeated,
     * then "pool unreachable" (exit 3), never "unexpected".
     */
    public static Integer serverErrorStatus(Throwable failure) {
        XmlRpcHttpTransportException rpc = find(failure, XmlRpcHttpTransportException.class);
        if (rpc != null && rpc.getStatusCode() >= 500) {
            return rpc.getStatusCode();
        }
        HttpStatusException get = find(failure, HttpStatusException.class);
        if (get != null && get.isServerError()) {
            return get.status();
        }
        return null;
    }

    /** True for a server error (5xx) answer: see {@link #serverErrorStatus}. */
    public static boolean isServerError(Throwable failure) {
        return serverErrorStatus(failure) != null;
    }

    /**
     * A short description when the failure is the network's (refused, timed out, unknown host, dropped, TLS), or
     * null when the pool answered.
     */
    public static String networkProblem(Throwable failure) {
        if (find(failure, UnknownHostException.class) != null) {
            return "unknown host " + find(failure, UnknownHostException.class).getMessage();
        }
        if (find(failure, ConnectException.class) != null) {
            return "connection refused";
        }
        if (find(failure, NoRouteToHostException.class) != null) {
            return "no route to host";
        }
        if (find(failure, SocketTimeoutException.class) != null || find(failure, HttpTimeoutException.class) != null) {
            return "timed out";
        }
        if (find(failure, SSLException.class) != null) {
            return "TLS failed: " + ErrorText.firstLine(find(failure, SSLException.class));
        }
        if (find(failure, EOFException.class) != null) {
            return "the connection was closed before the answer came";
        }
        SocketException socket = find(failure, SocketException.class);
        if (socket != null) {
            return "the connection failed (" + ErrorText.firstLine(socket) + ")";
        }
        if (find(failure, IOException.class) != null && find(failure, HttpStatusException.class) == null
                && !(failure instanceof Types.XenAPIException)) {
            return "the connection failed (" + ErrorText.firstLine(find(failure, IOException.class)) + ")";
        }
        return null;
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
