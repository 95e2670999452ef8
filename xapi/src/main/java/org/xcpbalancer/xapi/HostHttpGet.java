package org.xcpbalancer.xapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.HttpsURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * A session's HTTP GETs on pool hosts (e.g. /rrd_updates): the session's id and TLS trust, each try counted in
 * the session's requests. A GET is a read: a server error (HTTP 5xx) or a connection dropped without an answer is
 * tried once more, as {@link XapiSession#read} does for XAPI calls. A SESSION_INVALID answer (HTTP 401/403 with a
 * dead session) is not retried here: callers fetch again on the next collection.
 */
final class HostHttpGet {
    private static final Logger LOG = LoggerFactory.getLogger(HostHttpGet.class);

    private final XapiConnection connection;
    private final XapiTls tls;
    private final AtomicLong requests;

    HostHttpGet(XapiConnection connection, XapiTls tls, AtomicLong requests) {
        this.connection = connection;
        this.tls = tls;
        this.requests = requests;
    }

    byte[] get(String hostAddress, String path, String query, Duration timeout) throws IOException {
        try {
            return getOnce(hostAddress, path, query, timeout);
        } catch (IOException e) {
            if (!XapiErrors.isServerError(e) && !XapiSession.isTransient(e)) {
                throw e;
            }
            LOG.debug("GET {} on {}: {}; retrying once", path, hostAddress, e.getMessage());
            return getOnce(hostAddress, path, query, timeout);
        }
    }

    private byte[] getOnce(String hostAddress, String path, String query, Duration timeout) throws IOException {
        requests.incrementAndGet();
        String session = URLEncoder.encode(String.valueOf(connection.getSessionReference()), StandardCharsets.UTF_8);
        URL url = new URL(withHost(connection.url(), hostAddress), path + "?session_id=" + session
                + (query.isEmpty() ? "" : "&" + query));
        HttpURLConnection http = (HttpURLConnection) url.openConnection();
        if (http instanceof HttpsURLConnection https && tls != null) {
            https.setSSLSocketFactory(tls.socketFactory());
        }
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        http.setConnectTimeout(millis);
        http.setReadTimeout(millis);
        http.setUseCaches(false);
        try {
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new HttpStatusException(status, "HTTP " + status + " " + http.getResponseMessage() + " from "
                        + hostAddress + path);
            }
            try (InputStream in = http.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            http.disconnect();
            throw e;
        }
    }

    /** The base URL (scheme, port, path) with another host: a pool host seen from the master's URL. */
    static URL withHost(URL base, String host) {
        String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            return new URL(base.getProtocol(), bracketed, base.getPort(), base.getFile().isEmpty() ? "/" : base.getFile());
        } catch (MalformedURLException e) {
            throw new UserFacingException(ExitCode.FAILURE, "the pool named a host address that is not usable: " + host);
        }
    }
}
