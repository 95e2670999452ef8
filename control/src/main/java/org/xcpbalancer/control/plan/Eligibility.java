package org.xcpbalancer.control.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/**
 * The eligibility gate: the safety verdicts that do not depend on the strategy, computed once per run by the
 * framework and handed to every strategy. Whether anything may be decided at all (fresh data), which VMs may
 * move (not excluded, ignored, in flight, cooling down or backing off after failures) and which hosts may give
 * or take a VM (enabled, live, not excluded, fresh metrics, not cooling down), each refusal with its reason.
 * Where a movable VM may go is {@link org.xcpbalancer.control.placement.Placement}'s question.
 */
public final class Eligibility {
    private final List<Decision> blockers;
    private final Map<String, String> vmRefusals;
    private final Map<String, String> hostRefusals;
    private final Map<String, String> pinned;
    private final PoolSnapshot snapshot;
    private final SafetyPolicy policy;

    private Eligibility(List<Decision> blockers, Map<String, String> vmRefusals, Map<String, String> hostRefusals,
            Map<String, String> pinned, PoolSnapshot snapshot, SafetyPolicy policy) {
        this.blockers = List.copyOf(blockers);
        this.vmRefusals = Map.copyOf(vmRefusals);
        this.hostRefusals = Map.copyOf(hostRefusals);
        this.pinned = Map.copyOf(pinned);
        this.snapshot = snapshot;
        this.policy = policy;
    }

    public static Eligibility of(PoolSnapshot snapshot, SafetyPolicy policy) {
        List<Decision> blockers = new ArrayList<>();
        Optional<Duration> age = snapshot.dataAge();
        if (age.isEmpty()) {
            blockers.add(Decision.of(DecisionAction.BLOCKED, "pool " + snapshot.poolName()
                    + " has never been collected: run xcp-collect first; nothing decided"));
        } else if (age.get().compareTo(policy.maxDataAge()) > 0) {
            blockers.add(Decision.of(DecisionAction.BLOCKED, "collected data of pool " + snapshot.poolName() + " is "
                    + DurationFormat.format(roundToSeconds(age.get())) + " old, more than control.maxDataAge "
                    + DurationFormat.format(policy.maxDataAge()) + " (is xcp-collect running?): nothing decided"));
        }
        Map<String, String> vmRefusals = new HashMap<>();
        Map<String, String> pinned = new HashMap<>();
        for (VmState vm : snapshot.vms()) {
            Optional<String> why = refusal(vm, snapshot, policy);
            why.ifPresent(reason -> vmRefusals.put(vm.uuid(), reason));
            if (why.isPresent() && PinnedVms.reason(vm, snapshot.state()).isPresent()) {
                pinned.put(vm.uuid(), why.get());
            }
        }
        Map<String, String> hostRefusals = new HashMap<>();
        for (HostState host : snapshot.hosts()) {
            refusal(host, snapshot, policy).ifPresent(reason -> hostRefusals.put(host.uuid(), reason));
        }
        return new Eligibility(blockers, vmRefusals, hostRefusals, pinned, snapshot, policy);
    }

    /** Decisions that stop all planning (stale or missing data); empty when planning may go on. */
    public List<Decision> blockers() {
        return blockers;
    }

    public boolean blocked() {
        return !blockers.isEmpty();
    }

    /** Why the VM may not move, e.g. "tagged xcp-balancer:ignore"; empty when it may. */
    public Optional<String> vmRefusal(String vmUuid) {
        return Optional.ofNullable(vmRefusals.get(vmUuid));
    }

    /**
     * The VMs that cannot move for a reason of their own that lasts (a vGPU, PCI passthrough, no pool_migrate in
     * allowed_operations, a current operation, a rolling pool upgrade), with it: stored once per VM, not every run.
     */
    public Map<String, String> pinned() {
        return pinned;
    }

    public boolean isPinned(String vmUuid) {
        return pinned.containsKey(vmUuid);
    }

    /**
     * Why the VM may not be planned onto the host: XAPI refused that very move as one that would break its HA
     * plan less than control.failureBackoff ago. Empty when it may.
     */
    public Optional<String> pairRefusal(String vmUuid, String hostUuid) {
        return snapshot.migrations().refusedAt(vmUuid, hostUuid)
                .filter(at -> at.plus(policy.failureBackoff()).isAfter(snapshot.now()))
                .map(at -> ago(at, snapshot.now()) + " ago (HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN): not asked again"
                        + " within control.failureBackoff " + DurationFormat.format(policy.failureBackoff()));
    }

    /** Why the host may be neither source nor destination; empty when it may. */
    public Optional<String> hostRefusal(String hostUuid) {
        return Optional.ofNullable(hostRefusals.get(hostUuid));
    }

    private static Optional<String> refusal(VmState vm, PoolSnapshot snapshot, SafetyPolicy policy) {
        if (vm.controlDomain()) {
            return Optional.of("is a control domain");
        }
        if (!vm.running() || vm.hostUuid() == null) {
            return Optional.of("is not running (" + vm.powerState() + ")");
        }
        if (vm.tags().stream().anyMatch(t -> t.equalsIgnoreCase(SafetyPolicy.IGNORE_TAG))) {
            return Optional.of("is tagged " + SafetyPolicy.IGNORE_TAG);
        }
        if (policy.excludesVm(vm.uuid(), vm.name())) {
            return Optional.of("is listed in control.excludeVms");
        }
        Optional<String> pinned = PinnedVms.reason(vm, snapshot.state());
        if (pinned.isPresent()) {
            return pinned;
        }
        if (snapshot.migrations().vmsInFlight().contains(vm.uuid())) {
            return Optional.of("is being migrated");
        }
        if (vm.memoryMb() == null) {
            return Optional.of("has no known memory size");
        }
        Instant now = snapshot.now();
        Optional<Instant> moved = snapshot.migrations().vmLastMoved(vm.uuid());
        if (moved.isPresent() && moved.get().plus(policy.vmCooldown()).isAfter(now)) {
            return Optional.of("moved " + ago(moved.get(), now) + " ago, within control.vmCooldown "
                    + DurationFormat.format(policy.vmCooldown()));
        }
        Optional<MigrationFacts.FailureRecord> failures = snapshot.migrations().failures(vm.uuid());
        if (failures.isPresent()) {
            Duration backoff = policy.backoffAfter(failures.get().consecutiveFailures());
            if (failures.get().lastFailedAt().plus(backoff).isAfter(now)) {
                return Optional.of("failed to migrate " + failures.get().consecutiveFailures() + " time(s) in a row, last "
                        + ago(failures.get().lastFailedAt(), now) + " ago (" + failures.get().lastError()
                        + "): backing off for " + DurationFormat.format(backoff));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> refusal(HostState host, PoolSnapshot snapshot, SafetyPolicy policy) {
        Optional<String> maintenance = snapshot.maintenanceOf(host.uuid()).map(m -> "is " + m.describe());
        if (maintenance.isPresent()) {
            return maintenance;
        }
        if (!host.enabled()) {
            return Optional.of("is disabled");
        }
        if (Boolean.FALSE.equals(host.live())) {
            return Optional.of("is not live");
        }
        if (policy.excludesHost(host.uuid(), host.name())) {
            return Optional.of("is listed in control.excludeHosts");
        }
        if (snapshot.migrations().hostsInFlight().contains(host.uuid())) {
            return Optional.of("has a migration in flight");
        }
        Instant now = snapshot.now();
        if (host.metricsAt() == null) {
            return Optional.of("has no collected metrics");
        }
        if (Duration.between(host.metricsAt(), now).compareTo(policy.maxDataAge()) > 0) {
            return Optional.of("has metrics from " + ago(host.metricsAt(), now) + " ago, older than control.maxDataAge "
                    + DurationFormat.format(policy.maxDataAge()));
        }
        if (host.cpuNum() == null || host.cpuNum() <= 0 || host.memoryFreeMb() == null) {
            return Optional.of("has no known CPU count or free memory");
        }
        Optional<Instant> changed = snapshot.migrations().hostLastChanged(host.uuid());
        if (changed.isPresent() && changed.get().plus(policy.hostCooldown()).isAfter(now)) {
            return Optional.of("gained or lost a VM " + ago(changed.get(), now) + " ago, within control.hostCooldown "
                    + DurationFormat.format(policy.hostCooldown()));
        }
        return Optional.empty();
    }

    private static String ago(Instant then, Instant now) {
        return DurationFormat.format(roundToSeconds(Duration.between(then, now)));
    }

    private static Duration roundToSeconds(Duration d) {
        return Duration.ofSeconds(Math.max(0, d.toSeconds()));
    }
}
