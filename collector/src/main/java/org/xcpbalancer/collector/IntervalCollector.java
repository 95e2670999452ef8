package org.xcpbalancer.collector;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.xcpbalancer.collector.read.EventGraphFollower;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.core.xapi.XapiSession;

/**
 * xcp-collect --interval: one XAPI session for the service's life, the object graph followed with event.from,
 * metrics and a database write every interval. A failed collection (pool or database away for a while) is
 * reported and retried at the next tick; the session logs in again by itself when XAPI has expired it. Only a
 * failure to start (bad credentials, untrusted certificate, unreachable pool at start) ends the service.
 */
public final class IntervalCollector {
    private final CollectionService service;
    private final XapiSettings xapi;
    private final Duration interval;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    public IntervalCollector(CollectionService service, XapiSettings xapi, Duration interval, PrintStream out,
            PrintStream err) {
        this.service = service;
        this.xapi = xapi;
        this.interval = interval;
        this.out = out;
        this.err = err;
    }

    /** Ends the loop after the collection in progress (SIGTERM, tests). */
    public void stop() {
        stop.countDown();
    }

    /**
     * Stops and waits (at most the given time) until the collection in progress is written and the session
     * logged out: what the SIGTERM hook does, so a service stop never cuts a collection short.
     */
    public boolean stopAndWait(Duration timeout) throws InterruptedException {
        stop();
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Collects every interval until stopped or maxRuns collections were attempted.
     *
     * @return the number of collections attempted
     */
    public int run(int maxRuns) throws InterruptedException {
        try {
            return loop(maxRuns);
        } finally {
            finished.countDown();
        }
    }

    private int loop(int maxRuns) throws InterruptedException {
        int runs = 0;
        try (XapiSession session = XapiSession.open(xapi, line -> err.println("xcp-collect: " + line))) {
            EventGraphFollower graph = new EventGraphFollower();
            while (runs < maxRuns && stop.getCount() > 0) {
                long start = System.nanoTime();
                runs++;
                try {
                    CollectionResult result = service.collect(session, graph);
                    out.println(result.summaryLine());
                    result.warnings().forEach(w -> err.println("xcp-collect: warning: " + w));
                } catch (UserFacingException e) {
                    if (e.exitCode() == ExitCode.AUTHENTICATION_FAILED || e.exitCode() == ExitCode.CERTIFICATE_REJECTED) {
                        throw e;
                    }
                    err.println("xcp-collect: " + e.getMessage() + " (retrying at the next interval)");
                    graph = new EventGraphFollower();
                }
                out.flush();
                long waitNanos = interval.toNanos() - (System.nanoTime() - start);
                if (runs < maxRuns && waitNanos > 0 && stop.await(waitNanos, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        }
        return runs;
    }
}
