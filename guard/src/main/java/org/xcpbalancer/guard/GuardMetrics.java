package org.xcpbalancer.guard;

import static org.xcpbalancer.core.db.generated.Tables.GUARDACTION;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.metrics.BalancerMetrics;

/**
 * xcp-guard's series (docs/operations.md, Monitoring), beside the hosts' gauges every program exposes: checks by
 * outcome, the pool's hosts by the guard's state, protected VMs running or down, the guard's actions by kind and
 * outcome, and the age of the last check. Actions are read back from GuardAction (this process's rows only, so
 * a one-shot run counts its own), since they are written from many places of a check.
 *
 * <p>xcp-guard guards one pool: its pool-level series carry XAPI's pool name, its checks and actions no pool.
 * xcp-service guards several ({@link #perPool}): every series carries the pool's name in the service (its pool
 * file's NAME, as its other series), and each pool's actions are those of that pool's uuid.
 */
public final class GuardMetrics {
    /** The key of xcp-guard's one pool in {@link #lastActionIds}. */
    private static final String ONE_POOL = "";

    private final boolean perPool;
    private final Counter checks;
    private final Gauge hosts;
    private final Gauge protectedVms;
    private final Counter actions;
    private final Map<String, Instant> lastCheckAt = new ConcurrentHashMap<>();
    private final Database database;
    private final String owner;
    /** Newest GuardAction id counted, by pool (each pool's checks run on one thread). */
    private final Map<String, Long> lastActionIds = new ConcurrentHashMap<>();
    private final long newestAtStart;

    GuardMetrics(BalancerMetrics metrics, Database database, String owner) {
        this(metrics.registry(), false, database, owner);
    }

    /** The series of a program guarding several pools, registered in its registry; owner: its GuardAction rows'. */
    public static GuardMetrics perPool(PrometheusRegistry registry, Database database, String owner) {
        return new GuardMetrics(registry, true, database, owner);
    }

    private GuardMetrics(PrometheusRegistry registry, boolean perPool, Database database, String owner) {
        this.perPool = perPool;
        this.database = database;
        this.owner = owner;
        checks = Counter.builder().name("xcp_guard_checks_total")
                .help("Guard checks by outcome (ok, dry_run, stand_down, blocked, master_unreachable, failed)")
                .labelNames(labelNames("outcome")).register(registry);
        hosts = Gauge.builder().name("xcp_guard_hosts")
                .help("A pool's hosts by the guard's state at its last check (up, suspected, dead, fenced...)")
                .labelNames("pool", "state").register(registry);
        protectedVms = Gauge.builder().name("xcp_guard_protected_vms")
                .help("Protected VMs at the guard's last check: running on a host that is up, or down")
                .labelNames("pool", "state").register(registry);
        actions = Counter.builder().name("xcp_guard_actions_total")
                .help("Guard actions by kind (fence, start_on, hard_reboot, give_up...) and outcome (done, failed, "
                        + "alert, waiting, dry_run...)")
                .labelNames(labelNames("action", "outcome")).register(registry);
        GaugeWithCallback.builder().name("xcp_guard_last_check_age_seconds")
                .help("Seconds since the guard last checked a pool (at scrape time)").labelNames("pool")
                .callback(callback -> lastCheckAt.forEach((pool, at) -> callback.call(
                        Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0), pool)))
                .register(registry);
        newestAtStart = newestActionId();
    }

    /** After xcp-guard's check that returned its outcome. */
    void checked(GuardService service, GuardService.Outcome outcome) {
        checked(null, service, outcome);
    }

    /** After xcp-guard's check that ended in an error (the pool or the database away, bad input). */
    void failed() {
        failed(null, null);
    }

    /** After a check of the pool (its name in the service) that returned its outcome. */
    public void checked(String pool, GuardService service, GuardService.Outcome outcome) {
        checks.labelValues(labels(pool, outcome.dbValue())).inc();
        if (outcome != GuardService.Outcome.BLOCKED) {
            service.lastPoolName().ifPresent(name -> lastCheckAt.put(perPool ? pool : name, Instant.now()));
        }
        service.lastFigures().ifPresent(figures -> {
            String label = perPool ? pool : figures.poolName();
            hosts.removeIf(labels -> labels.get(0).equals(label));
            figures.hostsByState().forEach((state, count) -> hosts.labelValues(label, state).set(count));
            protectedVms.labelValues(label, "running").set(figures.protectedRunning());
            protectedVms.labelValues(label, "down").set(figures.protectedDown());
        });
        countActions(pool, service);
    }

    /** After a check of the pool (its name in the service) that ended in an error. */
    public void failed(String pool, GuardService service) {
        checks.labelValues(labels(pool, "failed")).inc();
        countActions(pool, service);
    }

    private void countActions(String pool, GuardService service) {
        Condition mine = GUARDACTION.Owner.eq(owner);
        if (perPool) {
            // Every pool's actions have the service's owner: a pool's are those of the uuid its guard read.
            Optional<String> uuid = service.lastPoolUuid();
            if (uuid.isEmpty()) {
                return; // no pool read yet: counted at a check that reads it
            }
            mine = mine.and(GUARDACTION.PoolUuid.eq(uuid.get()));
        }
        String key = perPool ? pool : ONE_POOL;
        try {
            for (Record3<Long, String, String> row : database.dsl()
                    .select(GUARDACTION.Id, GUARDACTION.Action, GUARDACTION.Outcome).from(GUARDACTION)
                    .where(GUARDACTION.Id.gt(lastActionIds.getOrDefault(key, newestAtStart))).and(mine)
                    .orderBy(GUARDACTION.Id).fetch()) {
                actions.labelValues(labels(pool, row.value2(), row.value3())).inc();
                lastActionIds.put(key, row.value1());
            }
        } catch (RuntimeException databaseGone) {
            // counted at the next check that reaches the database; the check's own failure is reported
        }
    }

    private long newestActionId() {
        try {
            Long newest = database.dsl().select(DSL.max(GUARDACTION.Id)).from(GUARDACTION).fetchOne(0, Long.class);
            return newest == null ? 0 : newest;
        } catch (RuntimeException databaseGone) {
            return 0;
        }
    }

    private String[] labelNames(String... names) {
        return labels(perPool ? "pool" : null, names);
    }

    /** The label values of a series: the pool first where every series has one. */
    private String[] labels(String pool, String... values) {
        if (!perPool) {
            return values;
        }
        String[] withPool = new String[values.length + 1];
        withPool[0] = pool;
        System.arraycopy(values, 0, withPool, 1, values.length);
        return withPool;
    }
}
