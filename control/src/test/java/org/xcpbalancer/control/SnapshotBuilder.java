package org.xcpbalancer.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xcpbalancer.control.plan.MigrationFacts;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.ReportedDecisions;
import org.xcpbalancer.control.power.PowerHistory;
import org.xcpbalancer.core.state.HostPowerRecord;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostSampleRow;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmGroup;
import org.xcpbalancer.core.state.VmState;

/**
 * Hand-built pool snapshots for planner tests. Host CPU is derived from its VMs the way the simulator and XAPI
 * report it (sum of vCPU load over physical CPUs, plus a fixed dom0 share), so predictions can be checked.
 */
public final class SnapshotBuilder {
    public static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final Map<String, HostState> hosts = new LinkedHashMap<>();
    private final List<VmState> vms = new ArrayList<>();
    private final List<HostRule> rules = new ArrayList<>();
    private final Map<String, Double> extraCpu = new HashMap<>();
    private final Map<String, Instant> vmMoved = new HashMap<>();
    private final Map<String, Instant> hostChanged = new HashMap<>();
    private final Map<String, MigrationFacts.FailureRecord> failures = new HashMap<>();
    private final Map<String, String> inFlight = new HashMap<>();
    private final Set<String> hostsInFlight = new HashSet<>();
    private Instant collectedAt = NOW.minusSeconds(30);
    private int sampleCount = 3;
    private Duration sampleSpacing = Duration.ofMinutes(1);
    private final Map<String, Integer> violatingSamplesOverride = new HashMap<>();
    private final List<VmGroup> groups = new ArrayList<>();
    private PoolHa ha = PoolHa.DISABLED;
    private final Map<String, Integer> settled = new HashMap<>();
    private final Map<String, Map<String, Instant>> refusals = new HashMap<>();
    private ReportedDecisions reported = ReportedDecisions.NONE;
    private PowerHistory power = PowerHistory.NONE;

    /** Sets the host's XAPI tags (labels are xcp-balancer:label=LABEL). */
    public SnapshotBuilder hostTags(String hostName, String... tags) {
        HostState h = hosts.get(hostName);
        hosts.put(hostName, new HostState(h.uuid(), h.name(), h.ip(), h.cpuNum(), h.memoryTotalMb(), h.memoryFreeMb(),
                null, null, null, null, 0.0, 0.0, 0.1, 0.0, h.enabled(), true, h.metricsAt(), h.updatedAt(), Set.of(tags)));
        return this;
    }

    /** Replaces the VM's record (e.g. to set passthrough, HA priority or the home host). */
    public SnapshotBuilder vmWith(String vmName, java.util.function.UnaryOperator<VmState> change) {
        for (int i = 0; i < vms.size(); i++) {
            if (vms.get(i).name().equals(vmName)) {
                vms.set(i, change.apply(vms.get(i)));
                return this;
            }
        }
        throw new IllegalArgumentException("no VM " + vmName);
    }

    /** A PCI device or vGPU attached: XAPI's allowed_operations lacks pool_migrate. */
    public SnapshotBuilder passthrough(String vmName, String kind) {
        return vmWith(vmName, v -> copy(v, false, kind, v.haRestartPriority(), v.affinityHostUuid(), v.groupUuids()));
    }

    public SnapshotBuilder notMigratable(String vmName) {
        return vmWith(vmName, v -> copy(v, false, null, v.haRestartPriority(), v.affinityHostUuid(), v.groupUuids()));
    }

    /** HA protects the VM (ha_restart_priority "restart"). */
    public SnapshotBuilder haRestart(String vmName) {
        return vmWith(vmName, v -> copy(v, v.migratable(), v.passthrough(), "restart", v.affinityHostUuid(), v.groupUuids()));
    }

    /** XAPI's VM.affinity: the VM's home host. */
    public SnapshotBuilder home(String vmName, String hostName) {
        return vmWith(vmName, v -> copy(v, v.migratable(), v.passthrough(), v.haRestartPriority(), uuid(hostName),
                v.groupUuids()));
    }

    /** An XAPI VM_group with the placement ("anti_affinity" or "normal") and members. */
    public SnapshotBuilder group(String name, String placement, String... vmNames) {
        groups.add(new VmGroup(uuid("group-" + name), name, placement));
        for (String vm : vmNames) {
            vmWith(vm, v -> {
                Set<String> member = new HashSet<>(v.groupUuids());
                member.add(uuid("group-" + name));
                return copy(v, v.migratable(), v.passthrough(), v.haRestartPriority(), v.affinityHostUuid(), member);
            });
        }
        return this;
    }

    /** Pool HA on, with the failures to tolerate (and a plan for as many). */
    public SnapshotBuilder ha(long failuresToTolerate) {
        ha = new PoolHa(true, failuresToTolerate, failuresToTolerate, false);
        return this;
    }

    /** The collector saw the VM on its current host in only n of its newest samples. */
    public SnapshotBuilder settled(String vmName, int n) {
        settled.put(uuid(vmName), n);
        return this;
    }

    /** XAPI refused moving the VM to the host (HA plan) that long ago. */
    public SnapshotBuilder refused(String vmName, String hostName, Duration ago) {
        refusals.computeIfAbsent(uuid(vmName), k -> new HashMap<>()).put(uuid(hostName), NOW.minus(ago));
        return this;
    }

    public SnapshotBuilder reported(ReportedDecisions decisions) {
        reported = decisions;
        return this;
    }

    private static VmState copy(VmState v, boolean migratable, String passthrough, String haRestartPriority,
            String affinityHostUuid, Set<String> groupUuids) {
        return new VmState(v.uuid(), v.name(), v.hostUuid(), v.memoryMb(), v.memoryInternalFreeMb(), v.vif0RxKb(),
                v.vif0TxKb(), v.vcpuAverage(), v.vcpuNum(), v.powerState(), v.controlDomain(), v.tags(), v.metricsAt(),
                v.updatedAt(), migratable, passthrough, v.currentOperation(), haRestartPriority, affinityHostUuid,
                groupUuids);
    }

    /** Sets the host's power_on_mode (density mode powers off only hosts host.power_on can wake). */
    public SnapshotBuilder powerOnMode(String hostName, String mode) {
        hosts.computeIfPresent(hostName, (n, h) -> withPower(h, h.live(), mode));
        return this;
    }

    /** The host is off (host_metrics.live false): it runs nothing and has no load. */
    public SnapshotBuilder off(String hostName) {
        hosts.computeIfPresent(hostName, (n, h) -> withPower(h, false, h.powerOnMode()));
        return this;
    }

    /** xcp-balancer's own power actions, the newest per host. */
    public SnapshotBuilder power(HostPowerRecord... records) {
        power = new PowerHistory(List.of(records));
        return this;
    }

    private static HostState withPower(HostState h, Boolean live, String mode) {
        return new HostState(h.uuid(), h.name(), h.ip(), h.cpuNum(), h.memoryTotalMb(), h.memoryFreeMb(), null, null,
                null, null, 0.0, 0.0, 0.1, 0.0, h.enabled(), live, h.metricsAt(), h.updatedAt(), h.tags(), mode);
    }

    public SnapshotBuilder host(String name, int cpus, long memoryTotalMb) {
        return host(name, cpus, memoryTotalMb, true);
    }

    public SnapshotBuilder host(String name, int cpus, long memoryTotalMb, boolean enabled) {
        hosts.put(name, new HostState(uuid(name), name, "10.0.0." + (hosts.size() + 1), cpus, memoryTotalMb, memoryTotalMb,
                null, null, null, null, 0.0, 0.0, 0.1, 0.0, enabled, true, NOW.minusSeconds(30), NOW.minusSeconds(30),
                Set.of()));
        return this;
    }

    /** A running guest with its per-vCPU load in percent. */
    public SnapshotBuilder vm(String name, String hostName, int vcpus, double vcpuAveragePercent, long memoryMb, String... tags) {
        vms.add(new VmState(uuid(name), name, uuid(hostName), memoryMb, memoryMb / 2, 10.0, 5.0, vcpuAveragePercent,
                vcpus, "Running", false, Set.of(tags), NOW.minusSeconds(30), NOW.minusSeconds(30), true, null, null, "",
                null, Set.of()));
        return this;
    }

    public SnapshotBuilder halted(String name, int vcpus, long memoryMb) {
        vms.add(new VmState(uuid(name), name, null, memoryMb, null, null, null, null, vcpus, "Halted", false, Set.of(),
                null, NOW.minusSeconds(30), true, null, null, "", null, Set.of()));
        return this;
    }

    /** Extra host CPU percent not explained by guests (dom0 and friends). */
    public SnapshotBuilder hostOverhead(String hostName, double cpuPercent) {
        extraCpu.put(hostName, cpuPercent);
        return this;
    }

    public SnapshotBuilder rule(RuleSubject subject, double threshold) {
        rules.add(new HostRule(subject, threshold));
        return this;
    }

    /** Any rule: an AND or a SCORE rule too. */
    public SnapshotBuilder rule(HostRule rule) {
        rules.add(rule);
        return this;
    }

    public SnapshotBuilder collectedAgo(Duration age) {
        collectedAt = NOW.minus(age);
        return this;
    }

    /** How many samples of the current state the history holds (the hold rule counts them). */
    public SnapshotBuilder samples(int count) {
        sampleCount = count;
        return this;
    }

    /** Time between the history's samples (1m by default, as cron runs the collector). */
    public SnapshotBuilder sampleSpacing(Duration spacing) {
        sampleSpacing = spacing;
        return this;
    }

    /** Only the newest n samples of this host show its current load; older ones show it idle. */
    public SnapshotBuilder violatingOnlyInNewest(String hostName, int n) {
        violatingSamplesOverride.put(hostName, n);
        return this;
    }

    public SnapshotBuilder vmMovedAgo(String vmName, Duration ago) {
        vmMoved.put(uuid(vmName), NOW.minus(ago));
        return this;
    }

    public SnapshotBuilder hostChangedAgo(String hostName, Duration ago) {
        hostChanged.put(uuid(hostName), NOW.minus(ago));
        return this;
    }

    public SnapshotBuilder failures(String vmName, int count, Duration lastAgo) {
        failures.put(uuid(vmName), new MigrationFacts.FailureRecord(count, NOW.minus(lastAgo), "VM_MIGRATE_FAILED"));
        return this;
    }

    /** The pool was never collected: no collection time. */
    public SnapshotBuilder neverCollected() {
        collectedAt = null;
        return this;
    }

    /** A migration of the VM to the host is planned or launched and not finished. */
    public SnapshotBuilder inFlight(String vmName, String destinationHost) {
        VmState vm = vms.stream().filter(v -> v.name().equals(vmName)).findFirst().orElseThrow();
        inFlight.put(vm.uuid(), uuid(destinationHost));
        hostsInFlight.add(vm.hostUuid());
        hostsInFlight.add(uuid(destinationHost));
        return this;
    }

    public PoolSnapshot build() {
        List<HostState> computed = new ArrayList<>();
        Map<String, List<HostSampleRow>> samples = new HashMap<>();
        for (HostState h : hosts.values()) {
            double cores = 0;
            long usedMb = 0;
            for (VmState vm : vms) {
                if (h.uuid().equals(vm.hostUuid())) {
                    cores += vm.vcpuAverage() / 100 * vm.vcpuNum();
                    usedMb += vm.memoryMb();
                }
            }
            double cpu = Math.min(100, cores / h.cpuNum() * 100 + extraCpu.getOrDefault(h.name(), 0.0));
            HostState host = new HostState(h.uuid(), h.name(), h.ip(), h.cpuNum(), h.memoryTotalMb(),
                    h.memoryTotalMb() - usedMb, null, null, null, null, 0.0, 0.0, 0.1,
                    Boolean.FALSE.equals(h.live()) ? null : cpu, h.enabled(), h.live(), h.metricsAt(), h.updatedAt(),
                    h.tags(), h.powerOnMode());
            computed.add(host);
            List<HostSampleRow> rows = new ArrayList<>();
            int violating = violatingSamplesOverride.getOrDefault(h.name(), sampleCount);
            for (int k = 0; collectedAt != null && k < sampleCount; k++) {
                boolean current = k < violating;
                rows.add(new HostSampleRow(h.uuid(), "raw", collectedAt.minus(sampleSpacing.multipliedBy(k)), host.memoryTotalMb(),
                        current ? host.memoryFreeMb() : host.memoryTotalMb(), 0.0, 0.0, 0.1, current ? cpu : 0.0, null));
            }
            samples.put(h.uuid(), rows);
        }
        PoolRef pool = new PoolRef(1, "pool-uuid", "test-pool", "10.0.0.1", Optional.ofNullable(collectedAt));
        MigrationFacts facts = new MigrationFacts(vmMoved, hostChanged, failures, inFlight, hostsInFlight, refusals);
        return new PoolSnapshot(new PoolState(pool, computed, vms, groups, ha, false), rules, NOW, samples, facts,
                reported, settled, Map.of(), power);
    }

    public static String uuid(String name) {
        return "uuid-" + name.replace(' ', '-');
    }
}
