package org.xcpbalancer.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.xcpbalancer.simulator.fault.CallFault;
import org.xcpbalancer.simulator.fault.FaultInjector;
import org.xcpbalancer.simulator.xapi.SessionStore;
import org.xcpbalancer.simulator.xapi.XapiDispatcher;
import org.xcpbalancer.simulator.xapi.wire.JsonRpcCodec;
import org.xcpbalancer.simulator.xapi.wire.MalformedCallException;
import org.xcpbalancer.simulator.xapi.wire.RpcCall;
import org.xcpbalancer.simulator.xapi.wire.RpcResult;
import org.xcpbalancer.simulator.xapi.wire.XmlRpcCodec;

/**
 * Everything one host's address answers, routed as xapi routes it: POST /jsonrpc is JSON-RPC, a POST to any other
 * path is XML-RPC, GET /rrd_updates is that host's metrics. On the master's address /sim/ is the admin API, which
 * is not a XAPI path and ignores the injected faults.
 */
public final class XapiHttpHandler implements HttpHandler {

    private static final String XAPI_500_BODY = "<html><body><h1>HTTP 500 internal server error</h1>An unexpected "
            + "error occurred; please wait a while and try again. If the problem persists, please contact your "
            + "support representative.</body></html>";

    private final String hostUuid;
    private final XapiDispatcher dispatcher;
    private final SessionStore sessions;
    private final FaultInjector faults;
    private final RrdUpdatesEndpoint rrdUpdates;
    private final HttpHandler admin;
    private final AtomicLong rrdRequests;
    private final BooleanSupplier hostLive;

    /** Thrown to make the JDK server close the connection without an answer (the "dropped call" fault). */
    private static final class DroppedByFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DroppedByFault() {
            super("connection dropped by the simulator's fault injection", null, false, false);
        }
    }

    public XapiHttpHandler(String hostUuid, XapiDispatcher dispatcher, SessionStore sessions, FaultInjector faults,
                           RrdUpdatesEndpoint rrdUpdates, HttpHandler adminOrNull, AtomicLong rrdRequests,
                           BooleanSupplier hostLive) {
        this.hostUuid = hostUuid;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.faults = faults;
        this.rrdUpdates = rrdUpdates;
        this.admin = adminOrNull;
        this.rrdRequests = rrdRequests;
        this.hostLive = hostLive;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String httpMethod = exchange.getRequestMethod();
            if (admin != null && path.startsWith("/sim/")) {
                admin.handle(exchange);
                return;
            }
            boolean rrd = httpMethod.equals("GET") && path.equals("/rrd_updates");
            boolean rpc = httpMethod.equals("POST");
            if (!rrd && !rpc) {
                send(exchange, 404, "text/html", "<html><body><h1>HTTP 404 not found</h1></body></html>");
                return;
            }
            if (!hostLive.getAsBoolean()) {
                // A dead host answers nothing (a dead slave's listener is closed; the master keeps /sim/ only).
                exchange.getRequestBody().readAllBytes();
                throw new DroppedByFault();
            }
            faults.applyLatency();
            CallFault fault = faults.nextCallFault(rrd);
            if (fault == CallFault.DROP) {
                exchange.getRequestBody().readAllBytes();
                throw new DroppedByFault();
            }
            if (fault == CallFault.FAIL) {
                exchange.getRequestBody().readAllBytes();
                send(exchange, 500, "text/html", XAPI_500_BODY);
                return;
            }
            if (rrd) {
                serveRrdUpdates(exchange);
            } else if (path.equals("/jsonrpc")) {
                serveJsonRpc(exchange);
            } else {
                serveXmlRpc(exchange);
            }
        }
    }

    private void serveXmlRpc(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        RpcCall call;
        try {
            call = XmlRpcCodec.parseCall(body);
        } catch (MalformedCallException e) {
            send(exchange, 500, "text/html", malformedBody(e));
            return;
        }
        RpcResult result = dispatcher.dispatch(call, hostUuid);
        String response;
        if (call.method().equals("system.listMethods") && result instanceof RpcResult.Success success) {
            response = XmlRpcCodec.bareResponse(success.value());
        } else {
            response = XmlRpcCodec.response(result);
        }
        send(exchange, 200, "text/xml", response);
    }

    private void serveJsonRpc(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonRpcCodec.Request request;
        try {
            request = JsonRpcCodec.parse(body);
        } catch (MalformedCallException e) {
            send(exchange, 500, "text/html", malformedBody(e));
            return;
        }
        RpcResult result = dispatcher.dispatch(request.call(), hostUuid);
        send(exchange, 200, "application/json", JsonRpcCodec.response(request, result));
    }

    private void serveRrdUpdates(HttpExchange exchange) throws IOException {
        rrdRequests.incrementAndGet();
        Map<String, String> query = HttpQuery.parse(exchange.getRequestURI().getRawQuery());
        exchange.getResponseHeaders().set("Connection", "close"); // xapi closes after rrd_updates
        if (!sessions.isValid(query.get("session_id"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"xapi\"");
            send(exchange, 401, "text/html", "<html><body><h1>HTTP 401 unauthorised</h1></body></html>");
            return;
        }
        if (!query.containsKey("start")) {
            send(exchange, 400, "text/html", "<html><body><h1>HTTP 400 bad request</h1>"
                    + "get_rrd_updates: missing the 'start' parameter</body></html>");
            return;
        }
        RrdUpdatesEndpoint.Response response = rrdUpdates.render(hostUuid, query);
        send(exchange, response.status(), response.contentType(), response.body());
    }

    private static String malformedBody(MalformedCallException e) {
        StringBuilder escaped = new StringBuilder();
        for (char c : String.valueOf(e.getMessage()).toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return XAPI_500_BODY.replace("</body>", "<h1> Additional information </h1>" + escaped + "</body>");
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of(contentType));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
