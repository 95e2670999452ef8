package org.xcpbalancer.service.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.ServiceLeases;
import org.xcpbalancer.service.lease.Lease;
import org.xcpbalancer.service.lease.LeaseManager;
import org.xcpbalancer.service.lease.LeaseStore;
import org.xcpbalancer.service.lease.LeaseTiming;
import org.xcpbalancer.service.pools.PoolDirectory;
import org.xcpbalancer.service.pools.PoolFile;

/**
 * One xcp-service instance at work: the pools.d folder read again every few seconds, the lease manager sharing
 * the pools with the other instances, and a {@link PoolWorker} for every pool this instance holds. Workers start
 * when a lease is won, stop at once when one is lost, and are stopped when idle to give a pool up (even spread,
 * file removed) or to restart it with a changed file.
 */
public final class ServiceRuntime implements LeaseManager.Listener, AutoCloseable {
    /** How long a clean stop lets each pool's collection in progress finish. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Database database;
    private final PoolDirectory directory;
    private final LeaseStore store;
    private final LeaseManager leases;
    private final PrintStream out;
    private final ServiceMetrics metrics;
    private final Duration rescanEvery;
    private final Map<String, PoolWorker> workers = new ConcurrentHashMap<>();
    private volatile Map<String, PoolFile> pools = Map.of();
    private volatile boolean stopping;
    private ScheduledExecutorService rescans;

    /**
     * @param database      for the pools' work (collections, control runs, each holding a connection for its lock)
     * @param leaseDatabase connections of the lease manager's own, so renewals never wait behind the pools' work
     */
    public ServiceRuntime(Database database, Database leaseDatabase, PoolDirectory directory, String instance,
            String host, LeaseTiming timing, PrintStream out) {
        this(database, leaseDatabase, directory, instance, host, timing, out, new ServiceMetrics());
    }

    /** @param metrics fed by every pool's work and by the leases (served when metrics.listen is set) */
    public ServiceRuntime(Database database, Database leaseDatabase, PoolDirectory directory, String instance,
            String host, LeaseTiming timing, PrintStream out, ServiceMetrics metrics) {
        this.database = database;
        this.directory = directory;
        this.store = new LeaseStore(leaseDatabase);
        this.out = out;
        this.metrics = metrics;
        this.leases = new LeaseManager(store, instance, host, timing, this, line -> out.println("xcp-service: " + line));
        metrics.watch(leases::held);
        metrics.guarding(database, guardOwner());
        Duration tick = timing.tick();
        this.rescanEvery = tick.compareTo(Duration.ofSeconds(5)) < 0 ? tick : Duration.ofSeconds(5);
    }

    public String instance() {
        return leases.instance();
    }

    /** Reads the pools (a folder that cannot be read stops here, exit 2) and starts sharing them. */
    public void start() {
        ServiceLeases.actFor(leases.instance());
        pools = directory.scan();
        out.println("xcp-service: instance " + leases.instance() + " serving from " + directory.folder() + " ("
                + pools.size() + " pool file(s): " + String.join(", ", pools.keySet()) + ")");
        leases.configure(pools.keySet());
        leases.start();
        rescans = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pools-rescan");
            thread.setDaemon(true);
            return thread;
        });
        rescans.scheduleWithFixedDelay(this::rescan, rescanEvery.toMillis(), rescanEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The pools this instance works on now. */
    public List<String> working() {
        List<String> names = new ArrayList<>(workers.keySet());
        names.sort(null);
        return names;
    }

    public LeaseManager leases() {
        return leases;
    }

    private void rescan() {
        try {
            Map<String, PoolFile> now = directory.scan();
            if (!now.keySet().equals(pools.keySet())) {
                out.println("xcp-service: pool files now: " + (now.isEmpty() ? "none" : String.join(", ", now.keySet())));
            }
            pools = now;
            leases.configure(now.keySet());
            for (PoolWorker worker : List.copyOf(workers.values())) {
                PoolFile file = now.get(worker.pool().name());
                if (file != null && !file.version().equals(worker.pool().version()) && worker.stopIfIdle()) {
                    out.println("[" + file.name() + "] pool file changed: restarting its work");
                    leases.lease(file.name()).ifPresentOrElse(lease -> startWorker(lease, file),
                            () -> workers.remove(file.name()));
                }
            }
        } catch (RuntimeException e) {
            out.println("xcp-service: " + e.getMessage() + " (pools kept as they were)");
        }
    }

    @Override
    public void acquired(Lease lease) {
        PoolFile file = pools.get(lease.pool());
        if (stopping || file == null) {
            return; // given up at the next tick (unconfigured) or at close
        }
        out.println("[" + lease.pool() + "] lease won (epoch " + lease.epoch() + "): collecting every "
                + file.collectInterval().toSeconds() + "s, controlling every " + file.controlInterval().toSeconds() + "s");
        startWorker(lease, file);
    }

    private void startWorker(Lease lease, PoolFile file) {
        PoolWorker worker = new PoolWorker(file, database, leases.fence(lease.pool()),
                new PoolWorker.Guarding(leases.actionFence(lease.pool()), guardOwner()),
                PrefixedOutput.of(out, lease.pool()),
                uuid -> store.recordPoolUuid(lease.pool(), leases.instance(), lease.epoch(), uuid), metrics);
        workers.put(lease.pool(), worker);
        worker.start();
    }

    /** The owner of this instance's GuardAction rows. */
    private String guardOwner() {
        return "xcp-service:" + leases.instance();
    }

    @Override
    public void renewed(Lease lease) {
        metrics.renewed(lease);
    }

    @Override
    public void lost(Lease lease, String why) {
        metrics.lost(lease);
        out.println("[" + lease.pool() + "] lease lost: " + why + "; stopping its work at once");
        PoolWorker worker = workers.remove(lease.pool());
        if (worker != null) {
            // Not on the lease thread: the other pools' renewals must not wait for this one's threads to end.
            Thread stopper = new Thread(() -> {
                try {
                    worker.stop(Duration.ZERO);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-" + lease.pool());
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    @Override
    public boolean release(Lease lease) {
        PoolWorker worker = workers.get(lease.pool());
        if (worker != null && !worker.stopIfIdle()) {
            return false;
        }
        workers.remove(lease.pool());
        out.println("[" + lease.pool() + "] lease given up (" + (pools.containsKey(lease.pool())
                ? "even spread over the live instances" : "pool file removed") + ")");
        return true;
    }

    /**
     * A clean stop (SIGTERM): collections in progress finish, control runs stop (their launched migrations stay
     * launched for the next owner to follow), then every lease is given up so the other instances take the pools
     * at once.
     */
    @Override
    public void close() {
        stopping = true;
        if (rescans != null) {
            rescans.shutdownNow();
        }
        List<Thread> stoppers = new ArrayList<>();
        for (PoolWorker worker : List.copyOf(workers.values())) {
            Thread stopper = new Thread(() -> {
                try {
                    worker.stop(STOP_GRACE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-" + worker.pool().name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        leases.close();
        ServiceLeases.stopActingFor(leases.instance());
        out.println("xcp-service: instance " + leases.instance() + " stopped; its pools are free for the others");
    }
}
