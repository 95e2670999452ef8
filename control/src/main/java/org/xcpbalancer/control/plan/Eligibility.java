package org.xcpbalancer.control.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.control.plan.GateRefusal.Kind;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/**
 * The eligibility gate: the safety verdicts that do not depend on the strategy, computed once per run by the
 * framework and handed to every strategy. Whether anything may be decided at all (fresh data), which VMs may
 * move (not excluded, ignored, in flight, cooling down or backing off after failures) and which hosts may give
 * or take a VM (enabled, live, not excluded, fresh metrics, not cooling down), each refusal typed
 * ({@link GateRefusal}: a kind and its facts, the text rendered from them).
 * Where a movable VM may go is {@link org.xcpbalancer.control.placement.Placement}'s question.
 */
public final class Eligibility {
    private final List<GateRefusal> blockingRefusals;
    private final Map<String, GateRefusal> vmRefusals;
    private final Map<String, GateRefusal> hostRefusals;
    private final Map<String, String> pinned;
    private final PoolSnapshot snapshot;
    private final SafetyPolicy policy;

    private Eligibility(List<GateRefusal> blockingRefusals, Map<String, GateRefusal> vmRefusals,
            Map<String, GateRefusal> hostRefusals, Map<String, String> pinned, PoolSnapshot snapshot,
            SafetyPolicy policy) {
        this.blockingRefusals = List.copyOf(blockingRefusals);
        this.vmRefusals = Map.copyOf(vmRefusals);
        this.hostRefusals = Map.copyOf(hostRefusals);
        this.pinned = Map.copyOf(pinned);
        this.snapshot = snapshot;
        this.policy = policy;
    }

    public static Eligibility of(PoolSnapshot snapshot, SafetyPolicy policy) {
        List<GateRefusal> blocking = new ArrayList<>();
        Optional<Duration> age = snapshot.dataAge();
        if (age.isEmpty()) {
            blocking.add(GateRefusal.of(Kind.NEVER_COLLECTED, snapshot.poolName()));
        } else if (age.get().compareTo(policy.maxDataAge()) > 0) {
            blocking.add(GateRefusal.of(Kind.STALE_DATA, snapshot.poolName(), roundToSeconds(age.get()),
                    policy.maxDataAge()));
        }
        Map<String, GateRefusal> vmRefusals = new HashMap<>();
        Map<String, String> pinned = new HashMap<>();
        for (VmState vm : snapshot.vms()) {
            Optional<GateRefusal> why = refusal(vm, snapshot, policy);
            why.ifPresent(reason -> vmRefusals.put(vm.uuid(), reason));
            if (why.isPresent() && PinnedVms.reason(vm, snapshot.state()).isPresent()) {
                pinned.put(vm.uuid(), why.get().text());
            }
        }
        Map<String, GateRefusal> hostRefusals = new HashMap<>();
        for (HostState host : snapshot.hosts()) {
            refusal(host, snapshot, policy).ifPresent(reason -> hostRefusals.put(host.uuid(), reason));
        }
        return new Eligibility(blocking, vmRefusals, hostRefusals, pinned, snapshot, policy);
    }

    /** Decisions that stop all planning (stale or missing data); empty when planning may go on. */
    public List<Decision> blockers() {
        return blockingRefusals.stream().map(why -> Decision.of(DecisionAction.BLOCKED, why.text())).toList();
    }

    /** Why planning stops, typed (NEVER_COLLECTED, STALE_DATA); empty when planning may go on. */
    public List<GateRefusal> blockingRefusals() {
        return blockingRefusals;
    }

    public boolean blocked() {
        return !blockingRefusals.isEmpty();
    }

    /** Why the VM may not move, e.g. "is tagged xcp-balancer:ignore"; empty when it may. */
    public Optional<String> vmRefusal(String vmUuid) {
        return refusalOfVm(vmUuid).map(GateRefusal::text);
    }

    /** Why the VM may not move, typed; empty when it may. */
    public Optional<GateRefusal> refusalOfVm(String vmUuid) {
        return Optional.ofNullable(vmRefusals.get(vmUuid));
    }

    /**
     * The VMs that cannot move for a reason of their own that lasts (paused, a vGPU, PCI passthrough, no pool_migrate
     * in allowed_operations, a current operation, a rolling pool upgrade), with it: stored once per VM, not every run.
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
        return refusalOfPair(vmUuid, hostUuid).map(GateRefusal::text);
    }

    /** {@link #pairRefusal}, typed (REFUSED_BY_XAPI). */
    public Optional<GateRefusal> refusalOfPair(String vmUuid, String hostUuid) {
        return snapshot.migrations().refusedAt(vmUuid, hostUuid)
                .filter(at -> at.plus(policy.failureBackoff()).isAfter(snapshot.now()))
                .map(at -> GateRefusal.of(Kind.REFUSED_BY_XAPI, ago(at, snapshot.now()), policy.failureBackoff()));
    }

    /** Why the host may be neither source nor destination; empty when it may. */
    public Optional<String> hostRefusal(String hostUuid) {
        return refusalOfHost(hostUuid).map(GateRefusal::text);
    }

    /** Why the host may be neither source nor destination, typed; empty when it may. */
    public Optional<GateRefusal> refusalOfHost(String hostUuid) {
        return Optional.ofNullable(hostRefusals.get(hostUuid));
    }

    private static Optional<GateRefusal> refusal(VmState vm, PoolSnapshot snapshot, SafetyPolicy policy) {
        if (vm.controlDomain()) {
            return Optional.of(GateRefusal.of(Kind.CONTROL_DOMAIN));
        }
        if (PinnedVms.paused(vm)) {
            return PinnedVms.reason(vm, snapshot.state()); // named as paused, not as merely "not running"
        }
        if (!vm.running() || vm.hostUuid() == null) {
            return Optional.of(GateRefusal.of(Kind.NOT_RUNNING, vm.powerState()));
        }
        if (vm.tags().stream().anyMatch(t -> t.equalsIgnoreCase(SafetyPolicy.IGNORE_TAG))) {
            return Optional.of(GateRefusal.of(Kind.IGNORE_TAG, SafetyPolicy.IGNORE_TAG));
        }
        if (policy.excludesVm(vm.uuid(), vm.name())) {
            return Optional.of(GateRefusal.of(Kind.VM_EXCLUDED));
        }
        Optional<GateRefusal> pinned = PinnedVms.reason(vm, snapshot.state());
        if (pinned.isPresent()) {
            return pinned;
        }
        if (snapshot.migrations().vmsInFlight().contains(vm.uuid())) {
            return Optional.of(GateRefusal.of(Kind.VM_IN_FLIGHT));
        }
        if (vm.memoryMb() == null) {
            return Optional.of(GateRefusal.of(Kind.MEMORY_UNKNOWN));
        }
        Instant now = snapshot.now();
        Optional<Instant> moved = snapshot.migrations().vmLastMoved(vm.uuid());
        if (moved.isPresent() && moved.get().plus(policy.vmCooldown()).isAfter(now)) {
            return Optional.of(GateRefusal.of(Kind.VM_COOLDOWN, ago(moved.get(), now), policy.vmCooldown()));
        }
        Optional<MigrationFacts.FailureRecord> failures = snapshot.migrations().failures(vm.uuid());
        if (failures.isPresent()) {
            MigrationFacts.FailureRecord failure = failures.get();
            Duration backoff = policy.backoffAfter(failure.consecutiveFailures());
            if (failure.lastFailedAt().plus(backoff).isAfter(now)) {
                return Optional.of(GateRefusal.of(Kind.FAILURE_BACKOFF, failure.consecutiveFailures(),
                        ago(failure.lastFailedAt(), now), failure.lastError(), backoff));
            }
        }
        return Optional.empty();
    }

    private static Optional<GateRefusal> refusal(HostState host, PoolSnapshot snapshot, SafetyPolicy policy) {
        Optional<GateRefusal> maintenance = snapshot.maintenanceOf(host.uuid())
                .map(m -> GateRefusal.of(Kind.HOST_IN_MAINTENANCE, m.describe()));
        if (maintenance.isPresent()) {
            return maintenance;
        }
        if (!host.enabled()) {
            return Optional.of(GateRefusal.of(Kind.HOST_DISABLED));
        }
        if (Boolean.FALSE.equals(host.live())) {
            return Optional.of(GateRefusal.of(Kind.HOST_NOT_LIVE));
        }
        if (policy.excludesHost(host.uuid(), host.name())) {
            return Optional.of(GateRefusal.of(Kind.HOST_EXCLUDED));
        }
        if (snapshot.migrations().hostsInFlight().contains(host.uuid())) {
            return Optional.of(GateRefusal.of(Kind.HOST_IN_FLIGHT));
        }
        Instant now = snapshot.now();
        if (host.metricsAt() == null) {
            return Optional.of(GateRefusal.of(Kind.METRICS_MISSING));
        }
        if (Duration.between(host.metricsAt(), now).compareTo(policy.maxDataAge()) > 0) {
            return Optional.of(GateRefusal.of(Kind.METRICS_STALE, ago(host.metricsAt(), now), policy.maxDataAge()));
        }
        if (host.cpuNum() == null || host.cpuNum() <= 0 || host.memoryFreeMb() == null) {
            return Optional.of(GateRefusal.of(Kind.CAPACITY_UNKNOWN));
        }
        Optional<Instant> changed = snapshot.migrations().hostLastChanged(host.uuid());
        if (changed.isPresent() && changed.get().plus(policy.hostCooldown()).isAfter(now)) {
            return Optional.of(GateRefusal.of(Kind.HOST_COOLDOWN, ago(changed.get(), now), policy.hostCooldown()));
        }
        return Optional.empty();
    }

    /** How long ago, in whole seconds: the facts a person reads need no milliseconds. */
    private static Duration ago(Instant then, Instant now) {
        return roundToSeconds(Duration.between(then, now));
    }

    private static Duration roundToSeconds(Duration d) {
        return Duration.ofSeconds(Math.max(0, d.toSeconds()));
    }
}
