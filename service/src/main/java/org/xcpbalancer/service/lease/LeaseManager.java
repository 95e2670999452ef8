package org.xcpbalancer.service.lease;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xcpbalancer.control.execute.LaunchFence;
import org.xcpbalancer.guard.act.ActionFence;

/**
 * One instance's side of the lease protocol, ticking on its own thread every {@link LeaseTiming#tick()}: beat
 * the instance's heartbeat and renew its leases every renewal period; give up leases above its fair share
 * (ceil(pools / live instances)) once their pool is idle; take free or expired ones up to the share. A lease not
 * renewed in time (database away, a long pause) is dropped locally before the database lets anyone else take it,
 * and the fence ({@link #fence}) refuses every launch that is not under the current epoch.
 */
public final class LeaseManager implements AutoCloseable {
    /** What the service does when leases come and go; called on the manager's thread. */
    public interface Listener {
        void acquired(Lease lease);

        /** The lease is gone without this instance giving it up: stop acting on the pool at once. */
        void lost(Lease lease, String why);

        /** The even spread asks for the pool back: true when the pool is idle and its work stopped. */
        boolean release(Lease lease);

        /** The lease was renewed (for the service's metrics). */
        default void renewed(Lease lease) {
        }
    }

    private record Held(Lease lease, long renewedAtNanos) {
    }

    private final LeaseStore store;
    private final String instance;
    private final String host;
    private final LeaseTiming timing;
    private final Listener listener;
    private final Consumer<String> notices;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private volatile Set<String> configured = Set.of();
    private volatile boolean configurationStored;
    private long lastBeatNanos;
    private Long startedNanos;
    private String lastProblem;
    private ScheduledExecutorService ticker;

    public LeaseManager(LeaseStore store, String instance, String host, LeaseTiming timing, Listener listener,
            Consumer<String> notices) {
        this.store = store;
        this.instance = instance;
        this.host = host;
        this.timing = timing;
        this.listener = listener;
        this.notices = notices;
    }

    public String instance() {
        return instance;
    }

    /** The pools of the pools.d folder now; leases of pools no longer there are given up at the next tick. */
    public void configure(Set<String> pools) {
        configured = Set.copyOf(pools);
        configurationStored = false;
    }

    /** Ticks on a thread of its own until {@link #close()} or {@link #halt()}. */
    public synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lease-" + instance);
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, timing.tick().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One step of the protocol (the ticker's; tests may call it directly). */
    public synchronized void tick() {
        long now = System.nanoTime();
        dropExpired(now);
        try {
            if (startedNanos == null || now - lastBeatNanos >= timing.renewal().toNanos()) {
                store.heartbeat(instance, host, timing.ttl());
                renewAll(now);
                lastBeatNanos = now;
                if (startedNanos == null) {
                    startedNanos = now;
                }
            }
            if (!configurationStored) {
                store.ensurePools(configured);
                configurationStored = true;
            }
            dropUnconfigured();
            balance(now);
            lastProblem = null;
        } catch (RuntimeException e) {
            String problem = "lease tables unreachable: " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                notices.accept(problem + " (pools not renewed in " + timing.ttl().toMillis() + " ms are given up)");
                lastProblem = problem;
            }
        }
    }

    /** The leases this instance believes it holds. */
    public List<Lease> held() {
        List<Lease> leases = new ArrayList<>();
        held.values().forEach(h -> leases.add(h.lease()));
        leases.sort((a, b) -> a.pool().compareTo(b.pool()));
        return leases;
    }

    public Optional<Lease> lease(String pool) {
        return Optional.ofNullable(held.get(pool)).map(Held::lease);
    }

    /** The epoch check for the pool's control runs: a launch goes ahead only under this instance's current lease. */
    public LaunchFence fence(String pool) {
        return new LaunchFence() {
            @Override
            public Optional<String> refusal(int poolId, long migrationId) {
                return check(pool, epoch -> store.fence(pool, instance, epoch, migrationId, timing.ttl()));
            }

            @Override
            public Optional<String> actionRefusal(int poolId) {
                // density's host power actions: no migration row to stamp, only the lease to confirm
                return check(pool, epoch -> store.confirm(pool, instance, epoch, timing.ttl()));
            }
        };
    }

    private Optional<String> check(String pool, LongPredicate stillHeld) {
        Held current = held.get(pool);
        if (current == null) {
            return Optional.of("xcp-service instance " + instance + " no longer holds the lease of pool " + pool);
        }
        long epoch = current.lease().epoch();
        try {
            if (stillHeld.test(epoch)) {
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            return Optional.of("the lease of pool " + pool + " could not be checked (" + e.getMessage() + ")");
        }
        return Optional.of("xcp-service instance " + instance + " lost the lease of pool " + pool + " (epoch "
                + epoch + "): another instance owns it now");
    }

    /** The guard's fence: each fence command, reset or start of xcp-guard goes ahead only under the current lease. */
    public ActionFence actionFence(String pool) {
        return (poolUuid, actionId) -> check(pool, epoch -> store.confirm(pool, instance, epoch, timing.ttl()));
    }

    /** A clean stop: every lease given up and the heartbeat removed, so the others take the pools at once. */
    @Override
    public void close() {
        halt();
        synchronized (this) {
            releaseAll();
        }
    }

    private void releaseAll() {
        for (Held h : List.copyOf(held.values())) {
            held.remove(h.lease().pool());
            try {
                store.release(h.lease().pool(), instance, h.lease().epoch());
            } catch (RuntimeException e) {
                notices.accept("could not give up the lease of pool " + h.lease().pool() + " (" + e.getMessage()
                        + "); it expires by itself");
            }
        }
        try {
            store.leave(instance);
        } catch (RuntimeException e) {
            // the heartbeat expires by itself
        }
    }

    /** Stops ticking without giving anything up, as a killed or paused instance would (tests). */
    public void halt() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = ticker;
            ticker = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void renewAll(long startedAt) {
        for (Held h : List.copyOf(held.values())) {
            Lease lease = h.lease();
            if (store.renew(lease.pool(), instance, lease.epoch(), timing.ttl())) {
                held.put(lease.pool(), new Held(lease, startedAt));
                listener.renewed(lease);
            } else {
                held.remove(lease.pool());
                listener.lost(lease, "another instance took the lease of pool " + lease.pool() + " (this one held epoch "
                        + lease.epoch() + ")");
            }
        }
    }

    /** A lease not renewed for a whole ttl may be another's already: stop before anyone can take it. */
    private void dropExpired(long now) {
        for (Held h : List.copyOf(held.values())) {
            if (now - h.renewedAtNanos() >= timing.ttl().toNanos()) {
                held.remove(h.lease().pool());
                listener.lost(h.lease(), "the lease of pool " + h.lease().pool() + " was not renewed for "
                        + timing.ttl().toMillis() + " ms");
            }
        }
    }

    private void dropUnconfigured() {
        for (Held h : List.copyOf(held.values())) {
            if (!configured.contains(h.lease().pool()) && listener.release(h.lease())) {
                held.remove(h.lease().pool());
                store.release(h.lease().pool(), instance, h.lease().epoch());
            }
        }
    }

    private void balance(long now) {
        int live = Math.max(1, store.liveInstances());
        int share = (configured.size() + live - 1) / live;
        if (held.size() > share) {
            List<Lease> extra = held();
            Collections.reverse(extra);
            for (Lease lease : extra) {
                if (held.size() <= share) {
                    break;
                }
                if (listener.release(lease)) {
                    held.remove(lease.pool());
                    store.release(lease.pool(), instance, lease.epoch());
                }
            }
            return;
        }
        // Peers starting at the same moment get one tick to register before pools are shared out.
        if (held.size() == share || now - startedNanos < timing.tick().toNanos()) {
            return;
        }
        List<String> free = new ArrayList<>(store.free(configured));
        Collections.shuffle(free);
        for (String pool : free) {
            if (held.size() >= share) {
                break;
            }
            if (held.containsKey(pool)) {
                continue;
            }
            long askedAt = System.nanoTime();
            Optional<Long> epoch = store.acquire(pool, instance, timing.ttl());
            if (epoch.isPresent()) {
                Lease lease = new Lease(pool, epoch.get());
                held.put(pool, new Held(lease, askedAt));
                listener.acquired(lease);
            }
        }
    }

    /** The renewal period and lease duration, for messages. */
    public LeaseTiming timing() {
        return timing;
    }
}
