package org.xcpbalancer.core.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.InetAddress;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * The services' /metrics over HTTP (settings key metrics.listen), on a loopback address only: the endpoint has no
 * authentication, so it is for a Prometheus (or an agent) on the same machine.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HTTPServer server;

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    /** Serves the metrics on HOST:PORT, which metrics.listen names (validated there). */
    public static MetricsEndpoint start(BalancerMetrics metrics, String listen) {
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon);
        int port = Integer.parseInt(listen.substring(colon + 1));
        try {
            return new MetricsEndpoint(HTTPServer.builder().hostname(host).port(port).registry(metrics.registry())
                    .buildAndStart());
        } catch (IOException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "metrics.listen " + listen + ": cannot listen there ("
                    + e.getMessage() + ")");
        }
    }

    /** Null when valid, else what is wrong with a metrics.listen value. */
    public static String problem(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            return "expected HOST:PORT, e.g. 127.0.0.1:9712";
        }
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (port < 0 || port > 65535) {
                return "port " + port + " is out of range";
            }
            InetAddress address = InetAddress.getByName(listen.substring(0, colon).replace("[", "").replace("]", ""));
            return address.isLoopbackAddress() ? null
                    : "not a loopback address (the endpoint has no authentication; use 127.0.0.1 or ::1)";
        } catch (NumberFormatException e) {
            return "the port is not a number";
        } catch (IOException e) {
            return "unknown host";
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
