package org.xcpbalancer.collector;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import org.xcpbalancer.collector.read.EventGraphFollower;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.metrics.ProgramMetrics;
import org.xcpbalancer.core.service.IntervalLoop;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.xapi.XapiNotices;
import org.xcpbalancer.xapi.XapiSession;

/**
 * xcp-collect --interval: one XAPI session for the service's life, the object graph followed with event.from,
 * metrics and a database write every interval, on core's {@link IntervalLoop} (which failures end the service
 * and how it stops are documented there). A failed collection is retried at the next interval with a fresh
 * graph; the session logs in again by itself when XAPI has expired it, and is opened by the first run that
 * reaches the pool.
 */
public final class IntervalCollector {
    private final CollectionService service;
    private final XapiSettings xapi;
    private final PrintStream out;
    private final PrintStream err;
    private final IntervalLoop loop;
    private final ProgramMetrics metrics;
    private final Database database;

    public IntervalCollector(CollectionService service, XapiSettings xapi, Duration interval, PrintStream out,
            PrintStream err) {
        this(service, xapi, interval, out, err, null, null);
    }

    /** With metrics (may be null), fed after each collection from the result and the database. */
    public IntervalCollector(CollectionService service, XapiSettings xapi, Duration interval, PrintStream out,
            PrintStream err, ProgramMetrics metrics, Database database) {
        this.metrics = metrics;
        this.database = database;
        this.service = service;
        this.xapi = xapi;
        this.out = out;
        this.err = err;
        this.loop = new IntervalLoop(CollectorMain.PROGRAM, interval, out, err);
    }

    /** Ends the loop after the collection in progress (tests). */
    public void stop() {
        loop.stop();
    }

    /** On SIGTERM: the collection in progress is written and the session logged out before the JVM exits. */
    public void stopOnShutdown(Duration grace) {
        loop.stopOnShutdown(grace);
    }

    /**
     * Collects every interval until stopped or maxRuns collections were attempted.
     *
     * @return the number of collections attempted
     */
    public int run(int maxRuns) {
        return loop.run(maxRuns, new FollowingCollection());
    }

    /** The session and the followed graph, kept from one collection to the next. */
    private final class FollowingCollection implements IntervalLoop.Service {
        private final Consumer<String> notices = XapiNotices.printedOnce(CollectorMain.PROGRAM, err);
        private XapiSession session;
        private EventGraphFollower graph = new EventGraphFollower();

        @Override
        public void runOnce() {
            try {
                if (session == null) {
                    session = XapiSession.open(xapi, notices);
                }
                CollectionResult result = service.collect(session, graph);
                if (metrics != null) {
                    // hosts first: a scrape that sees this run counted sees its hosts too
                    metrics.runEnded(database);
                    CollectorMetrics.record(metrics.metrics(), result);
                }
                out.println(result.summaryLine());
                result.warnings().forEach(w -> err.println(CollectorMain.PROGRAM + ": warning: " + w));
            } catch (UserFacingException e) {
                graph = new EventGraphFollower();
                if (metrics != null) {
                    metrics.metrics().failedCollection();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
        }
    }
}
