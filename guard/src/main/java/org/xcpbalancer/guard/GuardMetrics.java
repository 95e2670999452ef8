package org.xcpbalancer.guard;

import static org.xcpbalancer.core.db.generated.Tables.GUARDACTION;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Record3;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.metrics.BalancerMetrics;

/**
 * xcp-guard's series (docs/operations.md, Monitoring), beside the hosts' gauges every program exposes: checks by
 * outcome, the pool's hosts by the guard's state, protected VMs running or down, the guard's actions by kind and
 * outcome, and the age of the last check. Actions are read back from GuardAction (this process's rows only, so
 * a one-shot run counts its own), since they are written from many places of a check.
 */
final class GuardMetrics {
    private final Counter checks;
    private final Gauge hosts;
    private final Gauge protectedVms;
    private final Counter actions;
    private final Map<String, Instant> lastCheckAt = new ConcurrentHashMap<>();
    private final Database database;
    private final String owner;
    private long lastActionId;

    GuardMetrics(BalancerMetrics metrics, Database database, String owner) {
        var registry = metrics.registry();
        this.database = database;
        this.owner = owner;
        checks = Counter.builder().name("xcp_guard_checks_total")
                .help("Guard checks by outcome (ok, dry_run, stand_down, blocked, master_unreachable, failed)")
                .labelNames("outcome").register(registry);
        hosts = Gauge.builder().name("xcp_guard_hosts")
                .help("A pool's hosts by the guard's state at its last check (up, suspected, dead, fenced...)")
                .labelNames("pool", "state").register(registry);
        protectedVms = Gauge.builder().name("xcp_guard_protected_vms")
                .help("Protected VMs at the guard's last check: running on a host that is up, or down")
                .labelNames("pool", "state").register(registry);
        actions = Counter.builder().name("xcp_guard_actions_total")
                .help("Guard actions by kind (fence, start_on, hard_reboot, give_up...) and outcome (done, failed, "
                        + "alert, waiting, dry_run...)")
                .labelNames("action", "outcome").register(registry);
        GaugeWithCallback.builder().name("xcp_guard_last_check_age_seconds")
                .help("Seconds since the guard last checked a pool (at scrape time)").labelNames("pool")
                .callback(callback -> lastCheckAt.forEach((pool, at) -> callback.call(
                        Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0), pool)))
                .register(registry);
        lastActionId = newestActionId();
    }

    /** After a check that returned its outcome. */
    void checked(GuardService service, GuardService.Outcome outcome) {
        checks.labelValues(outcome.dbValue()).inc();
        if (outcome != GuardService.Outcome.BLOCKED) {
            service.lastPoolName().ifPresent(pool -> lastCheckAt.put(pool, Instant.now()));
        }
        service.lastFigures().ifPresent(figures -> {
            String pool = figures.poolName();
            hosts.removeIf(labels -> labels.get(0).equals(pool));
            figures.hostsByState().forEach((state, count) -> hosts.labelValues(pool, state).set(count));
            protectedVms.labelValues(pool, "running").set(figures.protectedRunning());
            protectedVms.labelValues(pool, "down").set(figures.protectedDown());
        });
        countActions();
    }

    /** After a check that ended in an error (the pool or the database away, bad input). */
    void failed() {
        checks.labelValues("failed").inc();
        countActions();
    }

    private void countActions() {
        try {
            for (Record3<Long, String, String> row : database.dsl()
                    .select(GUARDACTION.Id, GUARDACTION.Action, GUARDACTION.Outcome).from(GUARDACTION)
                    .where(GUARDACTION.Id.gt(lastActionId)).and(GUARDACTION.Owner.eq(owner))
                    .orderBy(GUARDACTION.Id).fetch()) {
                actions.labelValues(row.value2(), row.value3()).inc();
                lastActionId = row.value1();
            }
        } catch (RuntimeException databaseGone) {
            // counted at the next check that reaches the database; the check's own failure is reported
        }
    }

    private long newestActionId() {
        try {
            Long newest = database.dsl().select(org.jooq.impl.DSL.max(GUARDACTION.Id)).from(GUARDACTION).fetchOne(0,
                    Long.class);
            return newest == null ? 0 : newest;
        } catch (RuntimeException databaseGone) {
            return 0;
        }
    }
}
