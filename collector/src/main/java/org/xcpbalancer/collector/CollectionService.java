package org.xcpbalancer.collector;

import com.xensource.xenapi.Host;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcpbalancer.collector.derive.DerivedPool;
import org.xcpbalancer.collector.derive.MetricsDeriver;
import org.xcpbalancer.collector.read.BulkGraphSource;
import org.xcpbalancer.collector.read.GraphSource;
import org.xcpbalancer.collector.read.ObjectGraph;
import org.xcpbalancer.collector.read.PlacementObservation;
import org.xcpbalancer.collector.read.PlacementReader;
import org.xcpbalancer.collector.read.PoolObservation;
import org.xcpbalancer.collector.read.PoolReader;
import org.xcpbalancer.collector.rrd.HostMetricsResult;
import org.xcpbalancer.collector.rrd.RrdUpdatesFetcher;
import org.xcpbalancer.collector.store.CollectionRunLog;
import org.xcpbalancer.collector.store.HistoryWriter;
import org.xcpbalancer.collector.store.PlacementStateWriter;
import org.xcpbalancer.collector.store.PoolStateWriter;
import org.xcpbalancer.collector.store.RetentionThinner;
import org.xcpbalancer.core.cli.ErrorText;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.PoolLock;
import org.xcpbalancer.core.service.InterruptedRuns;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.xapi.XapiSession;

/**
 * One collection: read the object graph, take the pool's lock, read the pool's clock and every host's RRDs,
 * derive the rows, and write them with the samples and the run's record in one transaction; then thin old
 * samples. Nothing is held open across XAPI calls but the lock's connection; in a one-shot run the XAPI session
 * is logged out before the database is written.
 */
public final class CollectionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectionService.class);
    /** Parallel XAPI requests at most (get_all_records, /rrd_updates GETs); a 64-host pool takes two rounds of GETs. */
    static final int MAX_PARALLEL_REQUESTS = 32;

    private final Database database;
    private final CollectorSettings settings;
    private final Clock clock;
    private final ExecutorService ioExecutor;

    public CollectionService(Database database, CollectorSettings settings, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.ioExecutor = Executors.newFixedThreadPool(MAX_PARALLEL_REQUESTS, runnable -> {
            Thread thread = new Thread(runnable, "xapi-io-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Logs in, collects with bulk reads, logs out (before writing), writes. */
    public CollectionResult collectOnce(XapiSettings xapi, Consumer<String> notices) {
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        XapiSession session;
        try {
            session = XapiSession.open(xapi, notices);
        } catch (UserFacingException e) {
            recordFailure(null, null, startedAt, 0, e.getMessage());
            throw e;
        }
        try (session) {
            return collect(session, new BulkGraphSource(ioExecutor), true, startedAt, startNanos);
        }
    }

    /** One collection on a session that stays open (xcp-collect --interval), the graph kept by events. */
    public CollectionResult collect(XapiSession session, GraphSource graphSource) {
        return collect(session, graphSource, false, clock.instant(), System.nanoTime());
    }

    private CollectionResult collect(XapiSession session, GraphSource graphSource, boolean logoutBeforeWrite,
            Instant startedAt, long startNanos) {
        // A one-shot run counts its login too (the session was opened for it).
        long requestsAtStart = logoutBeforeWrite ? 0 : session.requestCount();
        DatabaseTimer db = new DatabaseTimer();
        PhaseClock phases = new PhaseClock(startNanos);
        Integer poolId = null;
        Long runId = null;
        InterruptedRuns.Registration interruptible = null;
        try {
            ObjectGraph graph = graphSource.refresh(session);
            phases.mark("object graph");
            PoolObservation identity = PoolReader.observe(graph, null);
            Optional<PoolLock> lock = db.time(() -> PoolLock.tryAcquire(database, PoolLock.Holder.COLLECTOR, identity.poolUuid()));
            if (lock.isEmpty()) {
                return new CollectionResult(CollectionResult.Outcome.LOCKED, identity.poolUuid(), identity.poolName(),
                        null, null, identity.hosts().size(), identity.vms().size(),
                        session.requestCount() - requestsAtStart, elapsed(startNanos), db.total(), List.of(),
                        phases.durations());
            }
            try (PoolLock held = lock.get()) {
                int id = db.time(() -> database.transactionResult(dsl -> PoolStateWriter.upsertPool(dsl,
                        identity.poolUuid(), identity.poolName(), identity.masterAddress())));
                poolId = id;
                // registered before the row exists: a signal right after its insert still finds it
                interruptible = InterruptedRuns.register(() -> CollectionRunLog.interrupted(database.dsl(), clock.instant()));
                long run = db.time(() -> CollectionRunLog.start(database.dsl(), id, startedAt));
                runId = run;
                markAbandonedRuns(db);
                phases.mark("lock, pool and run rows");

                Host master = PoolReader.master(graph);
                Instant serverTime = session.read("host.get_servertime", c -> master.getServertime(c)).toInstant();
                PoolObservation pool = PoolReader.observe(graph, serverTime);
                phases.mark("server time");
                Map<String, HostMetricsResult> metrics = new RrdUpdatesFetcher(session, ioExecutor,
                        settings.rrdTimeout()).fetch(pool.hosts(), serverTime);
                phases.mark("rrd_updates");
                DerivedPool derived = MetricsDeriver.derive(pool, metrics);
                PlacementObservation placement = PlacementReader.observe(graph);
                if (logoutBeforeWrite) {
                    session.close();
                }
                phases.mark("derive and logout");
                long requests = session.requestCount() - requestsAtStart;

                Instant collectedAt = clock.instant();
                CollectionRunLog.Outcome outcome = derived.partial() ? CollectionRunLog.Outcome.PARTIAL
                        : CollectionRunLog.Outcome.SUCCESS;
                db.run(() -> database.transaction(dsl -> {
                    PoolStateWriter.write(dsl, id, derived, collectedAt);
                    PlacementStateWriter.write(dsl, id, placement);
                    HistoryWriter.append(dsl, id, derived, collectedAt);
                    CollectionRunLog.finish(dsl, run, clock.instant(), outcome, derived.hosts().size(),
                            derived.vms().size(), requests, derived.warnings());
                }));
                phases.mark("database write");
                List<String> warnings = new ArrayList<>(derived.warnings());
                try {
                    db.run(() -> database.transaction(dsl -> RetentionThinner.thin(dsl, id, collectedAt,
                            settings.rawRetention(), settings.hourlyRetention())));
                } catch (DataAccessException e) {
                    // The picture is written; thinning is retried by the next run.
                    LOG.warn("thinning old samples failed: {}", ErrorText.rootCauseLine(e));
                }
                phases.mark("thinning");
                LOG.debug("collection of {}: {}", derived.poolName(), phases);
                return new CollectionResult(derived.partial() ? CollectionResult.Outcome.PARTIAL
                        : CollectionResult.Outcome.SUCCESS, derived.poolUuid(), derived.poolName(), id, run,
                        derived.hosts().size(), derived.vms().size(), requests, elapsed(startNanos), db.total(),
                        warnings, phases.durations());
            }
        } catch (DataAccessException e) {
            throw new UserFacingException(ExitCode.DATABASE_UNREACHABLE, "the database failed during the collection"
                    + " (nothing of this run was written; the previous picture is kept): " + ErrorText.rootCauseLine(e), e);
        } catch (UserFacingException e) {
            recordFailure(runId, poolId, startedAt, session.requestCount() - requestsAtStart, e.getMessage());
            throw e;
        } finally {
            if (interruptible != null) {
                interruptible.close();
            }
        }
    }

    /** Runs of this host left 'running' by a process that is gone (kill -9, a crash) become 'abandoned'. */
    private void markAbandonedRuns(DatabaseTimer db) {
        List<Long> abandoned = db.time(() -> CollectionRunLog.markAbandoned(database.dsl(), clock.instant()));
        if (!abandoned.isEmpty()) {
            LOG.warn("collection run(s) {} ended without finishing (their process is gone): marked abandoned", abandoned);
        }
    }

    /** Best effort: a failed run is recorded when the database is still there. */
    private void recordFailure(Long runId, Integer poolId, Instant startedAt, long requests, String error) {
        try {
            CollectionRunLog.failed(database.dsl(), runId, poolId, startedAt, clock.instant(), requests, error);
        } catch (DataAccessException | UserFacingException e) {
            LOG.debug("could not record the failed run: {}", e.getMessage());
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }


    @Override
    public void close() {
        ioExecutor.shutdownNow();
    }

    /** Where a collection's wall time went, for --debug and the benchmark. */
    private static final class PhaseClock {
        private final Map<String, Duration> phases = new LinkedHashMap<>();
        private long last;

        PhaseClock(long startNanos) {
            this.last = startNanos;
        }

        void mark(String phase) {
            long now = System.nanoTime();
            phases.put(phase, Duration.ofNanos(now - last));
            last = now;
        }

        Map<String, Duration> durations() {
            return Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            phases.forEach((phase, time) -> out.append(out.length() == 0 ? "" : ", ").append(phase).append(' ')
                    .append(String.format(Locale.ROOT, "%.3f s", time.toNanos() / 1e9)));
            return out.toString();
        }
    }

    /** Adds up the time spent in database work. */
    private static final class DatabaseTimer {
        private long nanos;

        <T> T time(Supplier<T> work) {
            long start = System.nanoTime();
            try {
                return work.get();
            } finally {
                nanos += System.nanoTime() - start;
            }
        }

        void run(Runnable work) {
            time(() -> {
                work.run();
                return null;
            });
        }

        Duration total() {
            return Duration.ofNanos(nanos);
        }
    }
}
