package org.xcpbalancer.collector.rrd;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xcpbalancer.collector.read.ObservedHost;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.xapi.XapiErrors;
import org.xcpbalancer.xapi.XapiSession;

/**
 * Fetches every host's /rrd_updates in parallel, one GET per host on the host's own address, each bounded by
 * collect.rrdTimeout. The start time comes from the pool's clock (host.get_servertime), not ours, so a skewed
 * local clock neither empties nor bloats the answer. A host that fails, times out or is not live gets a failure
 * (its metrics become NULL); the others are unaffected.
 */
public final class RrdUpdatesFetcher {
    /** How far back to ask: a few 5 s rows, so a source that skipped the newest row still has a value. */
    public static final Duration WINDOW = Duration.ofSeconds(30);
    /** The finest archive: 5 s rows. */
    public static final int INTERVAL_SECONDS = 5;
    private static final Duration GRACE = Duration.ofMillis(500);

    private final XapiSession session;
    private final ExecutorService executor;
    private final Duration timeout;

    public RrdUpdatesFetcher(XapiSession session, ExecutorService executor, Duration timeout) {
        this.session = session;
        this.executor = executor;
        this.timeout = timeout;
    }

    /** @return one result per host, in the hosts' order */
    public Map<String, HostMetricsResult> fetch(List<ObservedHost> hosts, Instant serverTime) {
        long start = serverTime.minus(WINDOW).getEpochSecond();
        String query = "start=" + start + "&cf=AVERAGE&interval=" + INTERVAL_SECONDS + "&host=true";
        List<Future<HostMetricsResult>> futures = new ArrayList<>();
        for (ObservedHost host : hosts) {
            if (Boolean.FALSE.equals(host.live())) {
                futures.add(null);
            } else {
                futures.add(executor.submit(() -> fetchOne(host, query)));
            }
        }
        long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
        Map<String, HostMetricsResult> results = new LinkedHashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            ObservedHost host = hosts.get(i);
            Future<HostMetricsResult> future = futures.get(i);
            if (future == null) {
                results.put(host.uuid(), HostMetricsResult.failed(host.uuid(), "host is not live (host_metrics.live is false)"));
                continue;
            }
            try {
                results.put(host.uuid(), future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                results.put(host.uuid(), HostMetricsResult.failed(host.uuid(), "/rrd_updates gave no answer within "
                        + DurationFormat.format(timeout)));
            } catch (ExecutionException e) {
                results.put(host.uuid(), HostMetricsResult.failed(host.uuid(), "/rrd_updates failed: " + e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.put(host.uuid(), HostMetricsResult.failed(host.uuid(), "interrupted"));
            }
        }
        return results;
    }

    private HostMetricsResult fetchOne(ObservedHost host, String query) {
        if (host.address() == null || host.address().isBlank()) {
            return HostMetricsResult.failed(host.uuid(), "XAPI gives no address for the host");
        }
        byte[] body;
        try {
            body = session.httpGet(host.address(), "/rrd_updates", query, timeout);
        } catch (IOException e) {
            boolean httpStatus = e.getMessage() != null && e.getMessage().startsWith("HTTP ");
            String problem = httpStatus ? e.getMessage() : XapiErrors.networkProblem(e);
            return HostMetricsResult.failed(host.uuid(), "/rrd_updates on " + host.address() + ": "
                    + (problem != null ? problem : e.getMessage()));
        }
        try {
            return HostMetricsResult.fetched(host.uuid(), RrdUpdatesParser.parse(body).latest());
        } catch (RrdFormatException e) {
            return HostMetricsResult.failed(host.uuid(), "/rrd_updates on " + host.address() + " is malformed: "
                    + e.getMessage());
        }
    }
}
