package org.xcpbalancer.control.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.control.power.PowerHistory;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostSampleRow;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmState;

/**
 * Everything a strategy may know about one pool, frozen at one instant: the collected state, the rules, the
 * recent host samples (for the hold rule) and the facts of the migration log (for cooldowns and backoff).
 * Strategies see the world only through this record, so planning is a pure function that tests can feed by hand.
 *
 * @param now                 the planning instant; every age is measured from it
 * @param recentHostSamples   per host uuid, its latest raw samples, newest first
 * @param reported            the lasting decisions already stored, so they are not stored every run
 * @param vmSettledSamples    per VM uuid, in how many of its newest samples in a row it ran on its current host
 *                            (the hold of constraint repairs); a VM not listed counts as settled
 * @param maintenance         per host uuid, the hosts in maintenance (HostMaintenance, V8): never destinations
 * @param power               xcp-balancer's own host power actions, the newest per host (density mode)
 */
public record PoolSnapshot(
        PoolState state,
        List<HostRule> rules,
        Instant now,
        Map<String, List<HostSampleRow>> recentHostSamples,
        MigrationFacts migrations,
        ReportedDecisions reported,
        Map<String, Integer> vmSettledSamples,
        Map<String, HostMaintenance> maintenance,
        PowerHistory power) {

    public PoolSnapshot {
        rules = List.copyOf(rules);
        recentHostSamples = Map.copyOf(recentHostSamples);
        vmSettledSamples = Map.copyOf(vmSettledSamples);
        maintenance = Map.copyOf(maintenance);
    }

    /** A snapshot of a pool with no host in maintenance and no power action of xcp-balancer's own. */
    public PoolSnapshot(PoolState state, List<HostRule> rules, Instant now,
            Map<String, List<HostSampleRow>> recentHostSamples, MigrationFacts migrations, ReportedDecisions reported,
            Map<String, Integer> vmSettledSamples) {
        this(state, rules, now, recentHostSamples, migrations, reported, vmSettledSamples, Map.of(), PowerHistory.NONE);
    }

    /** The host's maintenance in force, or empty when it is not in maintenance. */
    public Optional<HostMaintenance> maintenanceOf(String hostUuid) {
        return Optional.ofNullable(maintenance.get(hostUuid));
    }

    /**
     * This snapshot with the host's enabled flag as given (an evacuation plans as if its host were already
     * disabled, as XAPI's HA plan will see it once it is).
     */
    public PoolSnapshot withHostEnabled(String hostUuid, boolean enabled) {
        List<HostState> hosts = state.hosts().stream().map(h -> h.uuid().equals(hostUuid) ? h.withEnabled(enabled) : h)
                .toList();
        PoolState changed = new PoolState(state.pool(), hosts, state.vms(), state.groups(), state.ha(), state.rollingUpgrade());
        return new PoolSnapshot(changed, rules, now, recentHostSamples, migrations, reported, vmSettledSamples, maintenance,
                power);
    }

    /** This snapshot with these hosts in maintenance (tests; the evacuation's own dry run). */
    public PoolSnapshot withMaintenance(Map<String, HostMaintenance> inMaintenance) {
        return new PoolSnapshot(state, rules, now, recentHostSamples, migrations, reported, vmSettledSamples, inMaintenance,
                power);
    }

    /** A snapshot with no stored decisions and every VM settled (tests and benchmarks build these by hand). */
    public PoolSnapshot(PoolState state, List<HostRule> rules, Instant now,
            Map<String, List<HostSampleRow>> recentHostSamples, MigrationFacts migrations) {
        this(state, rules, now, recentHostSamples, migrations, ReportedDecisions.NONE, Map.of());
    }

    /** In how many of its newest samples in a row the VM ran where it runs now (MAX_VALUE when not known). */
    public int settledSamples(String vmUuid) {
        return vmSettledSamples.getOrDefault(vmUuid, Integer.MAX_VALUE);
    }

    public int poolId() {
        return state.pool().id();
    }

    public String poolName() {
        return state.pool().name();
    }

    public List<HostState> hosts() {
        return state.hosts();
    }

    public List<VmState> vms() {
        return state.vms();
    }

    /** When the collector last wrote this pool; empty when it never did. */
    public Optional<Instant> collectedAt() {
        return state.pool().lastCollectedAt();
    }

    /** How old the collected data is, or empty when there is none. */
    public Optional<Duration> dataAge() {
        return collectedAt().map(at -> Duration.between(at, now));
    }

    /**
     * Per host uuid, the memory of VMs migrating to it that the collected state still shows elsewhere: XAPI has
     * reserved it on the destination, the collected free memory does not show it yet.
     */
    public Map<String, Long> reservedMemoryMbByHost() {
        Map<String, Long> reserved = new HashMap<>();
        for (VmState vm : vms()) {
            String destination = migrations.inFlightDestinations().get(vm.uuid());
            if (destination != null && !destination.equals(vm.hostUuid()) && vm.memoryMb() != null) {
                reserved.merge(destination, vm.memoryMb(), Long::sum);
            }
        }
        return reserved;
    }

    public List<HostSampleRow> samplesOf(String hostUuid) {
        return recentHostSamples.getOrDefault(hostUuid, List.of());
    }
}
