package org.xcpbalancer.control.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xcpbalancer.core.settings.DurationFormat;

/**
 * Why the eligibility gate stops all planning, or keeps a VM, a host or a VM-host pair out of it: a kind a program
 * can test and the facts of the case. The text a person reads (in decisions and SHOW DECISIONS) is rendered from
 * both here and nowhere else, as {@link org.xcpbalancer.control.placement.PlacementRefusal} does for placement.
 * Facts that are durations are written as settings are ("5m", "1h30m").
 */
public record GateRefusal(Kind kind, List<Object> facts) {

    /** Every reason the gate knows, with its text; each {@code %s} takes one fact, in order. */
    public enum Kind {
        // Planning stops: facts are the pool's name, then the data's age and control.maxDataAge.
        NEVER_COLLECTED("pool %s has never been collected: run xcp-collect first; nothing decided"),
        STALE_DATA("collected data of pool %s is %s old, more than control.maxDataAge %s (is xcp-collect running?):"
                + " nothing decided"),

        // A VM may not move.
        CONTROL_DOMAIN("is a control domain"),
        NOT_RUNNING("is not running (%s)"),
        /** A Paused VM keeps its domain and memory on its host, but XAPI will not migrate it. */
        PAUSED("is paused (XAPI refuses VM.pool_migrate with VM_BAD_POWER_STATE): unpause or shut it down to move it"),
        IGNORE_TAG("is tagged %s"),
        VM_EXCLUDED("is listed in control.excludeVms"),
        ROLLING_UPGRADE("runs in a pool under a rolling upgrade (pool.other_config rolling_upgrade_in_progress):"
                + " its host may be being upgraded"),
        VGPU("has a vGPU (XAPI refuses with VM_HAS_VGPU)"),
        PCI_PASSTHROUGH("has a PCI device passed through (XAPI refuses with VM_HAS_PCI_ATTACHED)"),
        OPERATION_IN_PROGRESS("has a current operation in XAPI (%s)"),
        NO_POOL_MIGRATE("has no pool_migrate in its allowed_operations (XAPI would not migrate it)"),
        VM_IN_FLIGHT("is being migrated"),
        MEMORY_UNKNOWN("has no known memory size"),
        /** Facts: how long ago it moved, control.vmCooldown. */
        VM_COOLDOWN("moved %s ago, within control.vmCooldown %s"),
        /** Facts: failures in a row, how long ago the last one was, its error, the backoff. */
        FAILURE_BACKOFF("failed to migrate %s time(s) in a row, last %s ago (%s): backing off for %s"),

        // A host may neither give nor take a VM.
        /** Facts: the host's maintenance as HostMaintenance.describe() says it ("in maintenance (empty, ...)"). */
        HOST_IN_MAINTENANCE("is %s"),
        HOST_DISABLED("is disabled"),
        HOST_NOT_LIVE("is not live"),
        HOST_EXCLUDED("is listed in control.excludeHosts"),
        HOST_IN_FLIGHT("has a migration in flight"),
        METRICS_MISSING("has no collected metrics"),
        /** Facts: the metrics' age, control.maxDataAge. */
        METRICS_STALE("has metrics from %s ago, older than control.maxDataAge %s"),
        CAPACITY_UNKNOWN("has no known CPU count or free memory"),
        /** Facts: how long ago it gained or lost a VM, control.hostCooldown. */
        HOST_COOLDOWN("gained or lost a VM %s ago, within control.hostCooldown %s"),

        // A VM may not be planned onto one host. Facts: how long ago XAPI refused, control.failureBackoff.
        REFUSED_BY_XAPI("%s ago (HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN): not asked again within"
                + " control.failureBackoff %s");

        private final String template;

        Kind(String template) {
            this.template = template;
        }

        int factCount() {
            return template.split("%s", -1).length - 1;
        }
    }

    public GateRefusal {
        Objects.requireNonNull(kind);
        facts = Collections.unmodifiableList(new ArrayList<>(facts)); // a fact may be null (an unknown error text)
        if (facts.size() != kind.factCount()) {
            throw new IllegalArgumentException(kind + " takes " + kind.factCount() + " facts, not " + facts.size());
        }
    }

    public static GateRefusal of(Kind kind, Object... facts) {
        return new GateRefusal(kind, Arrays.asList(facts));
    }

    /** The text a person reads, e.g. "moved 2m ago, within control.vmCooldown 30m". */
    public String text() {
        Object[] rendered = facts.stream()
                .map(fact -> fact instanceof Duration duration ? DurationFormat.format(duration) : fact).toArray();
        return String.format(Locale.ROOT, kind.template, rendered);
    }
}
