package org.xcpbalancer.xapi;

import com.xensource.xenapi.APIVersion;
import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Types;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.XapiSettings;

/**
 * A logged-in session on the pool master, made with the official SDK. Opening follows HOST_IS_SLAVE to the
 * master once (and says so through the notice callback); a call that meets SESSION_INVALID logs in again and is
 * retried once; {@link #close()} always logs out. Every XML-RPC call and every HTTP GET (e.g. /rrd_updates) is
 * counted in {@link #requestCount()}.
 *
 * <p>Thread-safe: /rrd_updates GETs of several hosts may run in parallel with XAPI calls.
 */
public final class XapiSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XapiSession.class);
    /** The originator XAPI records for our sessions (shown in XAPI's logs and session records). */
    public static final String ORIGINATOR = "xcp-balancer";

    private final XapiSettings settings;
    private final XapiConnection connection;
    private final AtomicLong requests;
    private final HostHttpGet hostGets;
    private final Optional<String> redirectNotice;
    private final Object loginLock = new Object();
    private volatile boolean closed;

    private XapiSession(XapiSettings settings, XapiTls tls, XapiConnection connection, AtomicLong requests,
            Optional<String> redirectNotice) {
        this.settings = settings;
        this.connection = connection;
        this.requests = requests;
        this.hostGets = new HostHttpGet(connection, tls, requests);
        this.redirectNotice = redirectNotice;
    }

    /** Opens a session; notices (e.g. "xapi.url names a slave; ...") go to the log at info level. */
    public static XapiSession open(XapiSettings settings) {
        return open(settings, notice -> LOG.info(notice));
    }

    /**
     * Logs into xapi.url, or into the master it names if it is a slave.
     *
     * @param notices receives one line when xapi.url named a slave (the caller prints it once)
     * @throws UserFacingException POOL_UNREACHABLE, AUTHENTICATION_FAILED, CERTIFICATE_REJECTED, BAD_INPUT (TLS
     *     settings) or FAILURE (another XAPI error, with its code and parameters)
     */
    public static XapiSession open(XapiSettings settings, Consumer<String> notices) {
        XapiTls tls = isHttps(settings.url()) ? XapiTls.from(settings) : null;
        AtomicLong requests = new AtomicLong();
        URL url = toUrl(settings.url());
        XapiConnection connection = new XapiConnection(url, tls, settings.connectTimeout(), settings.replyTimeout(), requests);
        try {
            login(connection, settings);
            return new XapiSession(settings, tls, connection, requests, Optional.empty());
        } catch (Types.HostIsSlave slave) {
            String master = slave.masterIPAddress;
            URL masterUrl = HostHttpGet.withHost(url, master);
            String notice = "xapi.url names a slave; using pool master " + master;
            XapiConnection masterConnection = new XapiConnection(masterUrl, tls, settings.connectTimeout(),
                    settings.replyTimeout(), requests);
            try {
                login(masterConnection, settings);
            } catch (Types.HostIsSlave again) {
                throw new UserFacingException(ExitCode.POOL_UNREACHABLE, "xapi.url " + settings.url()
                        + " names a slave whose master " + master + " also says it is a slave (HOST_IS_SLAVE "
                        + again.masterIPAddress + "); the pool is changing its master, try again later", again);
            } catch (Types.XenAPIException | XmlRpcException | RuntimeException e) {
                throw asUserFacing("pool master " + masterUrl + " (named by the slave " + settings.url() + ")", e);
            }
            notices.accept(notice);
            return new XapiSession(settings, tls, masterConnection, requests, Optional.of(notice));
        } catch (Types.XenAPIException | XmlRpcException | RuntimeException e) {
            throw asUserFacing("pool master " + settings.url(), e);
        }
    }

    private static UserFacingException asUserFacing(String where, Exception e) {
        return e instanceof UserFacingException user ? user : XapiErrors.toUserFacing(where, e);
    }

    /** Logs in; a dropped connection or an HTTP 5xx answer is retried once (at worst a session is left to expire). */
    private static void login(Connection connection, XapiSettings settings) throws Types.XenAPIException, XmlRpcException {
        try {
            Session.loginWithPassword(connection, settings.username(), settings.password().reveal(),
                    APIVersion.latest().toString(), ORIGINATOR);
        } catch (XmlRpcException e) {
            if (!isTransient(e)) {
                throw e;
            }
            LOG.debug("login: {}; retrying once", e.getMessage());
            Session.loginWithPassword(connection, settings.username(), settings.password().reveal(),
                    APIVersion.latest().toString(), ORIGINATOR);
        }
    }

    /** The connection to hand to SDK calls when {@link #call} does not fit (it carries the session). */
    public Connection connection() {
        return connection;
    }

    /** The master actually used (differs from xapi.url after HOST_IS_SLAVE). */
    public URI masterUrl() {
        try {
            return connection.url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The line said when xapi.url named a slave, if it did. */
    public Optional<String> redirectNotice() {
        return redirectNotice;
    }

    /** XML-RPC calls and HTTP GETs made by this session so far, logins and logout included. */
    public long requestCount() {
        return requests.get();
    }

    /**
     * Makes SDK calls; on SESSION_INVALID logs in again and retries once. XAPI errors reach the caller typed (so
     * xcp-control can tell HOST_NOT_ENOUGH_FREE_MEMORY from VM_BAD_POWER_STATE); network failures become
     * POOL_UNREACHABLE.
     *
     * @param what the call, for messages, e.g. "VM.get_all_records"
     */
    public <T> T call(String what, XapiCall<T> call) throws Types.XenAPIException {
        try {
            try {
                return call.call(connection);
            } catch (Types.SessionInvalid invalid) {
                LOG.debug("{}: SESSION_INVALID, logging in again", what);
                relogin();
                return call.call(connection);
            }
        } catch (XmlRpcException e) {
            throw XapiErrors.toUserFacing(what + " on " + connection.url(), e);
        }
    }

    /**
     * A read that may safely be repeated (get_all_records, get_servertime, ...): like {@link #call}, and a
     * dropped connection is retried once; any remaining failure becomes a one-line {@link UserFacingException}.
     */
    public <T> T read(String what, XapiCall<T> call) {
        try {
            try {
                return call(what, call);
            } catch (UserFacingException e) {
                if (!isTransient(e.getCause())) {
                    throw e;
                }
                LOG.debug("{}: {}; retrying once", what, e.getMessage());
                return call(what, call);
            }
        } catch (Types.XenAPIException e) {
            throw XapiErrors.toUserFacing(what + " on " + connection.url(), e);
        } catch (UserFacingException e) {
            throw e;
        } catch (RuntimeException e) {
            // The SDK decodes strictly: a field of the wrong XML-RPC type ends as ClassCastException and the like.
            throw new UserFacingException(ExitCode.FAILURE, what + " on " + connection.url()
                    + " returned an answer the XAPI SDK cannot decode: " + e, e);
        }
    }

    /**
     * A failure worth one more try: the connection dropped without an answer, or the server answered HTTP 5xx.
     * Refused connections, unknown hosts, time-outs and TLS failures are not retried (they would only double the
     * wait), nor are XAPI errors.
     */
    static boolean isTransient(Throwable failure) {
        if (failure == null || failure instanceof Types.XenAPIException) {
            return false;
        }
        XmlRpcHttpTransportException http = XapiErrors.find(failure, XmlRpcHttpTransportException.class);
        if (http != null) {
            return http.getStatusCode() >= 500;
        }
        String problem = XapiErrors.networkProblem(failure);
        return problem != null && !problem.equals("connection refused") && !problem.startsWith("unknown host")
                && !problem.equals("timed out") && !problem.startsWith("TLS failed");
    }

    private void relogin() throws Types.XenAPIException, XmlRpcException {
        synchronized (loginLock) {
            login(connection, settings);
        }
    }

    /** http(s)://ADDRESS:PORT of a pool host: the master's scheme and port with the host's address. */
    public URI hostUrl(String hostAddress) {
        try {
            return HostHttpGet.withHost(connection.url(), hostAddress).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad host address " + hostAddress, e);
        }
    }

    /**
     * GET path?query&session_id=... on a pool host (e.g. /rrd_updates), with this session's TLS trust and the
     * given connect and read timeout; see {@link HostHttpGet} for what is retried.
     *
     * @param query without session_id, e.g. "start=...&cf=AVERAGE&host=true"
     * @throws IOException on any network failure; {@link HttpStatusException} for a status other than 200
     */
    public byte[] httpGet(String hostAddress, String path, String query, Duration timeout) throws IOException {
        return hostGets.get(hostAddress, path, query, timeout);
    }

    /** Logs out (always attempted once; failures are only logged: the session expires on its own). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Session.logout(connection);
        } catch (Types.XenAPIException | XmlRpcException | RuntimeException e) {
            LOG.debug("logout from {} failed: {}", connection.url(), e.toString());
        }
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    private static URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "xapi.url " + uri + " is not a usable URL");
        }
    }
}
