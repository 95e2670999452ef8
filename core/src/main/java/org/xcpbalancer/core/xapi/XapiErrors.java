package org.xcpbalancer.core.xapi;

import com.xensource.xenapi.Types;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;
import javax.net.ssl.SSLException;
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
        if (failure instanceof Types.XenAPIException xapi && xapi.errorDescription != null) {
            return new UserFacingException(ExitCode.FAILURE, where + " failed: " + describe(xapi), failure);
        }
        String network = networkProblem(failure);
        if (network != null) {
            return new UserFacingException(ExitCode.POOL_UNREACHABLE, where + " cannot be reached: " + network, failure);
        }
        return new UserFacingException(ExitCode.FAILURE, where + " failed: " + firstLine(failure), failure);
    }

    /** "CODE param1 param2", as xe prints XAPI errors. */
    public static String describe(Types.XenAPIException xapi) {
        if (xapi.errorDescription == null || xapi.errorDescription.length == 0) {
            return xapi.shortDescription == null ? xapi.getClass().getSimpleName() : xapi.shortDescription;
        }
        return String.join(" ", Arrays.asList(xapi.errorDescription));
    }

    /** The XAPI error code of a failure (SESSION_INVALID, HOST_OFFLINE, ...), or null if it is not a XAPI error. */
    public static String code(Throwable failure) {
        if (failure instanceof Types.XenAPIException xapi && xapi.errorDescription != null
                && xapi.errorDescription.length > 0) {
            return xapi.errorDescription[0];
        }
        return null;
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
            return "TLS failed: " + firstLine(find(failure, SSLException.class));
        }
        if (find(failure, EOFException.class) != null) {
            return "the connection was closed before the answer came";
        }
        SocketException socket = find(failure, SocketException.class);
        if (socket != null) {
            return "the connection failed (" + firstLine(socket) + ")";
        }
        if (find(failure, java.io.IOException.class) != null && !(failure instanceof Types.XenAPIException)) {
            return "the connection failed (" + firstLine(find(failure, java.io.IOException.class)) + ")";
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

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse(failure.getClass().getSimpleName());
    }
}
