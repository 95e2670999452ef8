package org.xcpbalancer.service.run;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.xcpbalancer.collector.CollectionResult;
import org.xcpbalancer.collector.CollectionService;
import org.xcpbalancer.collector.CollectorSettings;
import org.xcpbalancer.collector.read.EventGraphFollower;
import org.xcpbalancer.control.ControlService;
import org.xcpbalancer.control.execute.LaunchFence;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.execute.ProgressReporter;
import org.xcpbalancer.control.execute.XapiMigrationGateway;
import org.xcpbalancer.control.strategy.StrategyRegistry;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.guard.GuardService;
import org.xcpbalancer.guard.GuardSettings;
import org.xcpbalancer.guard.GuardStages;
import org.xcpbalancer.guard.act.ActionFence;
import org.xcpbalancer.guard.act.SdkGuardXapi;
import org.xcpbalancer.service.pools.PoolFile;
import org.xcpbalancer.xapi.XapiSession;

/**
 * The work on one leased pool: a collection every service.collectInterval on an XAPI session kept open with its
 * event.from subscription (as xcp-collect --interval), and a control run every service.controlInterval on a
 * second kept session, each launch passing the lease's fence; and, when the pool file sets service.guardInterval,
 * a guard check (xcp-guard, docs/guard.md) every interval, each action passing the lease's fence. Each goes through
 * its program's own service, which takes the pool's lock for each run. Runs on threads of its own.
 */
final class PoolWorker {
    private final PoolFile pool;
    private final Database database;
    private final LaunchFence fence;
    private final Guarding guard;
    private final PrintStream out;
    private final Consumer<String> poolUuidSeen;
    private final ServiceMetrics metrics;
    private final CountDownLatch stop = new CountDownLatch(1);
    /** Runs hold the read side; giving the pool up needs the write side, so only an idle pool is given up. */
    private final ReentrantReadWriteLock acting = new ReentrantReadWriteLock();
    private final Thread collecting;
    private final Thread controlling;
    private final Thread guardThread;
    private volatile String poolUuid;
    /** The collecting thread's kept session and event.from subscription. */
    private XapiSession collectSession;
    private EventGraphFollower graph;

    /** How the guard acts for this instance: its lease fence and the owner written into GuardAction. */
    record Guarding(ActionFence fence, String owner) {
    }

    PoolWorker(PoolFile pool, Database database, LaunchFence fence, Guarding guard, PrintStream out,
            Consumer<String> poolUuidSeen, ServiceMetrics metrics) {
        this.pool = pool;
        this.database = database;
        this.fence = fence;
        this.guard = guard;
        this.out = out;
        this.poolUuidSeen = poolUuidSeen;
        this.metrics = metrics;
        this.collecting = new Thread(this::collectLoop, "collect-" + pool.name());
        this.controlling = new Thread(this::controlLoop, "control-" + pool.name());
        this.guardThread = guardInterval().isZero() ? null : new Thread(this::guardLoop, "guard-" + pool.name());
        collecting.setDaemon(true);
        controlling.setDaemon(true);
        if (guardThread != null) {
            guardThread.setDaemon(true);
        }
    }

    PoolFile pool() {
        return pool;
    }

    void start() {
        collecting.start();
        controlling.start();
        if (guardThread != null) {
            guardThread.start();
        }
    }

    /** Stops when no run is in progress; false (nothing changed) when one is. */
    boolean stopIfIdle() {
        if (!acting.writeLock().tryLock()) {
            return false;
        }
        stop.countDown();
        collecting.interrupt();
        controlling.interrupt();
        if (guardThread != null) {
            guardThread.interrupt();
        }
        return true;
    }

    /**
     * Stops now: the control run is interrupted (its launched migrations stay in the log for the next owner to
     * follow); the collection in progress may finish within the grace (zero when the lease is lost).
     */
    void stop(Duration grace) throws InterruptedException {
        stop.countDown();
        controlling.interrupt();
        collecting.join(grace.toMillis() + 1);
        collecting.interrupt();
        controlling.join(TimeUnit.SECONDS.toMillis(10));
        collecting.join(TimeUnit.SECONDS.toMillis(10));
        if (guardThread != null) {
            guardThread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void collectLoop() {
        Settings settings = pool.settings();
        try (CollectionService collector = new CollectionService(database, CollectorSettings.from(settings), Clock.systemUTC())) {
            // Pools won together (at start, after a takeover) spread their collections over half an interval.
            if (waitFor(pool.collectInterval().multipliedBy(ThreadLocalRandom.current().nextInt(50)).dividedBy(100),
                    System.nanoTime())) {
                return;
            }
            everyInterval(pool::collectInterval, () -> collectOnce(collector, settings));
        } catch (InterruptedException stopping) {
            // a collection is never interrupted midway: the loop ends between two
        } finally {
            collectSession = closed(collectSession);
        }
    }

    private void collectOnce(CollectionService collector, Settings settings) {
        try {
            if (collectSession == null) {
                collectSession = XapiSession.open(settings.xapi(), line -> out.println("xcp-collect: " + line));
                graph = new EventGraphFollower();
            }
            CollectionResult result = collector.collect(collectSession, graph);
            metrics.collected(pool.name(), result, database);
            out.println(result.summaryLine());
            result.warnings().forEach(w -> out.println("xcp-collect: warning: " + w));
            if (result.poolUuid() != null && !result.poolUuid().equals(poolUuid)) {
                poolUuid = result.poolUuid();
                poolUuidSeen.accept(poolUuid);
            }
        } catch (UserFacingException e) {
            metrics.collectionFailed(pool.name());
            out.println("xcp-collect: " + e.getMessage() + " (retrying at the next interval)");
            collectSession = closed(collectSession);
        } catch (RuntimeException e) {
            metrics.collectionFailed(pool.name());
            out.println("xcp-collect: unexpected " + e + " (retrying at the next interval)");
            collectSession = closed(collectSession);
        }
    }

    private void controlLoop() {
        Settings settings = pool.settings();
        XapiSession[] session = {null};
        ControlService controller = new ControlService(database, StrategyRegistry.chain(settings),
                new MigrationExecutor.Limits(settings.get(SettingKeys.CONTROL_MAX_CONCURRENT_MIGRATIONS),
                        settings.get(SettingKeys.CONTROL_MIGRATION_TIMEOUT), settings.get(SettingKeys.CONTROL_PROGRESS_INTERVAL)),
                () -> {
                    if (session[0] == null) {
                        session[0] = XapiSession.open(settings.xapi());
                    }
                    return KeptGateway.of(new XapiMigrationGateway(session[0]));
                }, out, ProgressReporter.lines(out), Clock.systemUTC(), fence);
        try {
            // The first control run waits for the first collection: it names the pool and brings its data.
            while (poolUuid == null) {
                if (stop.await(200, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            everyInterval(pool::controlInterval, () -> {
                try {
                    metrics.controlled(pool.name(), controller.runOnce(Optional.of(poolUuid), false));
                } catch (UserFacingException e) {
                    metrics.controlFailed(pool.name());
                    out.println("xcp-control: " + e.getMessage() + " (next run in " + pool.controlInterval().toSeconds() + "s)");
                    if (e.exitCode() != ExitCode.STALE_DATA) {
                        session[0] = closed(session[0]);
                    }
                } catch (RuntimeException e) {
                    metrics.controlFailed(pool.name());
                    out.println("xcp-control: unexpected " + e + " (next run in " + pool.controlInterval().toSeconds() + "s)");
                    session[0] = closed(session[0]);
                }
            });
        } catch (InterruptedException e) {
            out.println("xcp-control: stopped; migrations in flight stay in the log for the pool's next owner to follow");
        } finally {
            closed(session[0]);
        }
    }

    private Duration guardInterval() {
        return pool.settings().get(SettingKeys.SERVICE_GUARD_INTERVAL);
    }

    /** xcp-guard's check every service.guardInterval, on a kept session, each action passing the lease's fence. */
    private void guardLoop() {
        Settings settings = pool.settings();
        GuardSettings guardSettings = GuardSettings.from(settings);
        try (GuardService guardService = new GuardService(database,
                () -> new SdkGuardXapi(XapiSession.open(settings.xapi(), line -> out.println("xcp-guard: " + line))),
                guardSettings, GuardStages.standard(guardSettings), guard.fence(), guard.owner(), Clock.systemUTC(),
                line -> out.println("xcp-guard: " + line))) {
            everyInterval(this::guardInterval, () -> {
                try {
                    metrics.guardChecked(pool.name(), guardService, guardService.checkOnce(Optional.empty(), false));
                } catch (UserFacingException e) {
                    metrics.guardFailed(pool.name(), guardService);
                    out.println("xcp-guard: " + e.getMessage() + " (next check in " + guardInterval().toSeconds() + "s)");
                } catch (RuntimeException e) {
                    metrics.guardFailed(pool.name(), guardService);
                    out.println("xcp-guard: unexpected " + e + " (next check in " + guardInterval().toSeconds() + "s)");
                }
            });
        } catch (InterruptedException stopping) {
            // a check is never interrupted midway: the loop ends between two
        }
    }

    /** One collection, control run or guard check; only a control run is interrupted midway. */
    @FunctionalInterface
    private interface Pass {
        void run() throws InterruptedException;
    }

    /**
     * Runs the pass every interval (from its start) until the worker stops; each pass holds the read side of
     * {@link #acting}, and none starts once the pool is being given up.
     */
    private void everyInterval(Supplier<Duration> interval, Pass pass) throws InterruptedException {
        long started;
        do {
            started = System.nanoTime();
            if (!acting.readLock().tryLock()) {
                return;
            }
            try {
                pass.run();
            } finally {
                acting.readLock().unlock();
            }
        } while (!waitFor(interval.get(), started));
    }

    /** Sleeps out the rest of the interval; true when the worker is stopping. */
    private boolean waitFor(Duration interval, long startedNanos) {
        long left = interval.toNanos() - (System.nanoTime() - startedNanos);
        try {
            return stop.await(Math.max(0, left), TimeUnit.NANOSECONDS) || Thread.currentThread().isInterrupted();
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static XapiSession closed(XapiSession session) {
        if (session != null) {
            session.close();
        }
        return null;
    }
}
