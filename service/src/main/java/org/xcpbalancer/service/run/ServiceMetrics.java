package org.xcpbalancer.service.run;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.xcpbalancer.collector.CollectionResult;
import org.xcpbalancer.control.ControlMetrics;
import org.xcpbalancer.control.ControlService;
import org.xcpbalancer.control.log.ControlRunLog;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.metrics.BalancerMetrics;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.guard.GuardMetrics;
import org.xcpbalancer.guard.GuardService;
import org.xcpbalancer.service.lease.Lease;

/**
 * xcp-service's metrics (docs/operations.md, Monitoring): every pool's collections, control runs, migrations, hosts
 * and rule violations as xcp-collect and xcp-control expose them, and the guard's checks, hosts, protected VMs and
 * actions as xcp-guard does, each series labelled with the pool's name in the service (its pool file's NAME); and
 * the service's own: the pools this instance owns, each lease's epoch, and the lease renewals and losses by pool.
 * A pool given up or lost keeps its series at their last values, as another instance takes it over.
 */
public final class ServiceMetrics {
    private final BalancerMetrics pools = BalancerMetrics.perPool();
    private final Counter renewals = Counter.builder().name("xcp_service_lease_renewals_total")
            .help("Lease renewals of this instance, by pool").labelNames("pool").register(pools.registry());
    private final Counter losses = Counter.builder().name("xcp_service_lease_losses_total")
            .help("Leases this instance lost without giving them up (taken by another, or not renewed in time)")
            .labelNames("pool").register(pools.registry());
    private GuardMetrics guard;

    /** The metrics every pool's work and the leases feed; served by metrics.listen. */
    public BalancerMetrics balancerMetrics() {
        return pools;
    }

    /** The gauges read from the leases held at each scrape: the pools owned and each lease's epoch. */
    void watch(Supplier<List<Lease>> held) {
        GaugeWithCallback.builder().name("xcp_service_pools_owned")
                .help("Pools whose lease this instance holds").callback(callback -> callback.call(held.get().size()))
                .register(pools.registry());
        GaugeWithCallback.builder().name("xcp_service_lease_epoch")
                .help("Epoch of the lease this instance holds on a pool (a new one at each change of owner)")
                .labelNames("pool")
                .callback(callback -> held.get().forEach(lease -> callback.call(lease.epoch(), lease.pool())))
                .register(pools.registry());
    }

    /** The guard's series, its actions read back from the GuardAction rows of this owner (the instance). */
    void guarding(Database database, String owner) {
        guard = GuardMetrics.perPool(pools.registry(), database, owner);
    }

    void guardChecked(String pool, GuardService service, GuardService.Outcome outcome) {
        guard.checked(pool, service, outcome);
    }

    void guardFailed(String pool, GuardService service) {
        guard.failed(pool, service);
    }

    void renewed(Lease lease) {
        renewals.labelValues(lease.pool()).inc();
    }

    void lost(Lease lease) {
        losses.labelValues(lease.pool()).inc();
    }

    /** A collection of the pool ended: its outcome, time and requests, and its hosts as now stored. */
    void collected(String pool, CollectionResult result, Database database) {
        pools.collection(pool, result.outcome().name().toLowerCase(Locale.ROOT), result.wallTime(),
                result.xapiRequests());
        if (result.poolId() == null) {
            return;
        }
        try {
            PoolStateRepository states = new PoolStateRepository(database);
            states.pools().stream().filter(ref -> ref.id() == result.poolId()).findFirst()
                    .ifPresent(ref -> pools.pool(pool, states.load(ref)));
        } catch (RuntimeException databaseGone) {
            // the host gauges keep their last values; the next collection reports the database
        }
    }

    void collectionFailed(String pool) {
        pools.failedCollection(pool);
    }

    void controlled(String pool, ControlService.RunResult result) {
        ControlMetrics.record(pools, pool, result);
    }

    void controlFailed(String pool) {
        pools.controlRun(pool, ControlRunLog.Outcome.FAILED.dbValue());
    }
}
