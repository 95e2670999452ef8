package org.xcpbalancer.core.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;

/**
 * What a service exposes to Prometheus (docs/operations.md, Monitoring), in one registry per process: the
 * collections (duration, XAPI requests, runs by outcome), the control runs and migrations by outcome, the hosts'
 * CPU and memory as last collected, the rule violations seen and the age of the data. Written with the Prometheus
 * Java client, served by {@link MetricsEndpoint} or written to a textfile by {@link MetricsFile}.
 *
 * <p>A program of one pool (xcp-collect, xcp-control) labels only the series of hosts and rules with the pool; one
 * of several pools (xcp-service, {@link #perPool()}) labels every series with it, the runs and migrations too, so
 * that each pool's last collection and its outcomes can be told apart.
 */
public final class BalancerMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final boolean perPool;
    private final Gauge collectionSeconds;
    private final Gauge collectionRequests;
    private final Counter collectionRuns;
    private final Counter controlRuns;
    private final Counter migrations;
    private final Gauge hostCpu = Gauge.builder().name("xcp_host_cpu_percent")
            .help("A host's CPU use as last collected, percent").labelNames("pool", "host").register(registry);
    private final Gauge hostMemory = Gauge.builder().name("xcp_host_memory_used_percent")
            .help("A host's memory in use (total - free) as last collected, percent").labelNames("pool", "host")
            .register(registry);
    private final Gauge violations = Gauge.builder().name("xcp_rule_violations")
            .help("Hosts breaking a rule in the last control run (moved, waiting or with no allowed move)")
            .labelNames("pool").register(registry);
    /** Newest host metrics time per pool; the age is computed at each scrape. */
    private final Map<String, Instant> collectedAt = new ConcurrentHashMap<>();

    /** The metrics of a program acting on one pool. */
    public BalancerMetrics() {
        this(false);
    }

    /** The metrics of a program acting on several pools: every series has a pool label. */
    public static BalancerMetrics perPool() {
        return new BalancerMetrics(true);
    }

    private BalancerMetrics(boolean perPool) {
        this.perPool = perPool;
        String[] byOutcome = perPool ? new String[] {"pool", "outcome"} : new String[] {"outcome"};
        Gauge.Builder seconds = Gauge.builder().name("xcp_collection_duration_seconds")
                .help("Wall time of the last collection").unit(null);
        Gauge.Builder requests = Gauge.builder().name("xcp_collection_xapi_requests")
                .help("XAPI requests of the last collection");
        collectionSeconds = (perPool ? seconds.labelNames("pool") : seconds).register(registry);
        collectionRequests = (perPool ? requests.labelNames("pool") : requests).register(registry);
        collectionRuns = Counter.builder().name("xcp_collection_runs_total")
                .help("Collections by outcome (success, partial, failed, locked)").labelNames(byOutcome)
                .register(registry);
        controlRuns = Counter.builder().name("xcp_control_runs_total")
                .help("Control runs by outcome (balanced, waiting, migrated, blocked, failed, timeout, planned)")
                .labelNames(byOutcome).register(registry);
        migrations = Counter.builder().name("xcp_migrations_total")
                .help("Migrations by outcome (succeeded, failed, timeout, cancelled)").labelNames(byOutcome)
                .register(registry);
        GaugeWithCallback.builder().name("xcp_data_age_seconds")
                .help("Age of the newest collected host metrics of a pool").labelNames("pool")
                .callback(callback -> collectedAt.forEach((pool, at) -> callback.call(
                        Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0), pool)))
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** A collection ended (outcome: success, partial, failed, locked). */
    public void collection(String outcome, Duration wallTime, long xapiRequests) {
        collection(null, outcome, wallTime, xapiRequests);
    }

    /** A collection of the pool ended; the pool is a label only {@link #perPool()}. */
    public void collection(String pool, String outcome, Duration wallTime, long xapiRequests) {
        collectionRuns.labelValues(labels(pool, outcome)).inc();
        (perPool ? collectionSeconds.labelValues(pool) : collectionSeconds).set(wallTime.toNanos() / 1e9);
        (perPool ? collectionRequests.labelValues(pool) : collectionRequests).set(xapiRequests);
    }

    /** A failed collection: its outcome only (its duration and requests are not known where it failed). */
    public void failedCollection() {
        failedCollection(null);
    }

    public void failedCollection(String pool) {
        collectionRuns.labelValues(labels(pool, "failed")).inc();
    }

    public void controlRun(String outcome) {
        controlRun(null, outcome);
    }

    public void controlRun(String pool, String outcome) {
        controlRuns.labelValues(labels(pool, outcome)).inc();
    }

    public void migration(String outcome) {
        migration(null, outcome);
    }

    public void migration(String pool, String outcome) {
        migrations.labelValues(labels(pool, outcome)).inc();
    }

    public void violations(String pool, int hosts) {
        violations.labelValues(pool).set(hosts);
    }

    /** The hosts of a pool as now in the database; a host without metrics has no value rather than 0. */
    public void pool(PoolState state) {
        pool(state.pool().name(), state);
    }

    /** The same, labelled with the name the program knows the pool by (xcp-service: its pool file's). */
    public void pool(String pool, PoolState state) {
        hostCpu.removeIf(labels -> labels.get(0).equals(pool));
        hostMemory.removeIf(labels -> labels.get(0).equals(pool));
        Instant newest = null;
        for (HostState host : state.hosts()) {
            if (host.cpuAverage() != null) {
                hostCpu.labelValues(pool, host.name()).set(host.cpuAverage());
            }
            Long used = host.occupiedMemoryMb();
            if (used != null && host.memoryTotalMb() != null && host.memoryTotalMb() > 0) {
                hostMemory.labelValues(pool, host.name()).set(100.0 * used / host.memoryTotalMb());
            }
            if (host.metricsAt() != null && (newest == null || host.metricsAt().isAfter(newest))) {
                newest = host.metricsAt();
            }
        }
        if (newest != null) {
            collectedAt.put(pool, newest);
        }
    }

    /** The label values of a series: the pool first where every series has one. */
    private String[] labels(String pool, String... values) {
        if (!perPool) {
            return values;
        }
        String[] withPool = new String[values.length + 1];
        withPool[0] = Objects.requireNonNull(pool, "a per-pool series needs its pool");
        System.arraycopy(values, 0, withPool, 1, values.length);
        return withPool;
    }
}
