package org.xcpbalancer.control.maintenance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xcpbalancer.control.placement.Placement;
import org.xcpbalancer.core.constraints.Constraint;
import org.xcpbalancer.control.placement.PlacementRefusal;
import org.xcpbalancer.control.plan.Eligibility;
import org.xcpbalancer.control.plan.GateRefusal;
import org.xcpbalancer.control.plan.MoveOutcome;
import org.xcpbalancer.control.plan.PinnedVms;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.control.plan.SubjectValues;
import org.xcpbalancer.core.state.HostMaintenance.LeftVm;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PredictedPart;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.VmState;

/**
 * Plans the evacuation of one host with the same prediction and placement check as balancing: each running VM,
 * biggest memory first, goes to the destination that leaves the pool most balanced among those that pass
 * {@link Placement} (memory with the control domain and in-flight reservations, constraints, XAPI's HA plan, hosts
 * in maintenance) and that push no host over a rule, checked against the pool as predicted after the VMs placed
 * before it; an affinity group gathered on the host leaves together. Unlike balancing, cooldowns do not hold a VM back: an administrator asked for the host to be emptied.
 * A pure function of its input.
 */
public final class EvacuationPlanner {
    private final SafetyPolicy policy;

    public EvacuationPlanner(SafetyPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param residentGuests the uuids of the host's running guests as XAPI reports them now (the collected state may
     *                       still show VMs that left); null to trust the snapshot
     */
    public EvacuationPlan plan(PoolSnapshot collected, Eligibility gate, Placement placement, HostState host,
            Set<String> residentGuests) {
        // XAPI's HA plan counts a disabled host as no restart target: plan as it will be.
        PoolSnapshot snapshot = collected.withHostEnabled(host.uuid(), false);
        PredictedPool pool = PredictedPool.of(snapshot);
        Integer source = pool.indexOf(host.uuid());
        List<VmState> guests = new ArrayList<>();
        for (VmState vm : snapshot.vms()) {
            boolean here = residentGuests == null ? host.uuid().equals(vm.hostUuid()) && vm.running()
                    : residentGuests.contains(vm.uuid());
            if (here && !vm.controlDomain()) {
                guests.add(vm);
            }
        }
        guests.sort(Comparator.comparing((VmState v) -> v.memoryMb() == null ? 0L : v.memoryMb()).reversed()
                .thenComparing(VmState::name));
        List<PlannedMove> moves = new ArrayList<>();
        List<LeftVm> left = new ArrayList<>();
        Set<String> handled = new HashSet<>();
        for (VmState vm : guests) {
            if (!handled.add(vm.uuid())) {
                continue;
            }
            Optional<String> stays = staysBecause(vm, snapshot, gate, host, pool, source);
            if (stays.isPresent()) {
                left.add(new LeftVm(vm.uuid(), vm.name(), stays.get()));
                continue;
            }
            // An affinity group gathered on this host leaves together, or not at all.
            List<VmState> group = gatheredGroup(vm, source, pool, guests, handled);
            handled.addAll(group.stream().map(VmState::uuid).toList());
            Optional<String> memberStays = Optional.empty();
            for (VmState member : group.subList(1, group.size())) {
                Optional<String> why = staysBecause(member, snapshot, gate, host, pool, source);
                if (why.isPresent() && memberStays.isEmpty()) {
                    memberStays = Optional.of("its affinity group leaves together, and " + member.name() + " " + why.get());
                }
            }
            if (memberStays.isPresent()) {
                for (VmState member : group) {
                    left.add(new LeftVm(member.uuid(), member.name(),
                            staysBecause(member, snapshot, gate, host, pool, source).orElse(memberStays.get())));
                }
                continue;
            }
            Map<String, List<String>> refusals = new LinkedHashMap<>();
            Integer best = null;
            double bestImbalance = Double.POSITIVE_INFINITY;
            for (int h = 0; h < pool.hostCount(); h++) {
                Optional<String> why = refusal(group, source, h, pool, placement, snapshot);
                if (why.isPresent()) {
                    String kind = why.get().substring(0, why.get().indexOf('|'));
                    refusals.computeIfAbsent(kind, k -> new ArrayList<>())
                            .add(why.get().substring(why.get().indexOf('|') + 1));
                    continue;
                }
                double imbalance = movedAll(pool, group, source, h).imbalance(snapshot.rules());
                if (best == null || imbalance < bestImbalance - 1e-9
                        || (Math.abs(imbalance - bestImbalance) <= 1e-9 && pool.freeMemoryMb(h) > pool.freeMemoryMb(best))) {
                    best = h;
                    bestImbalance = imbalance;
                }
            }
            if (best == null) {
                String why = noDestination(refusals) + (group.size() > 1 ? " (with its affinity group: "
                        + String.join(", ", group.stream().map(VmState::name).toList()) + ")" : "");
                group.forEach(member -> left.add(new LeftVm(member.uuid(), member.name(), why)));
                continue;
            }
            for (VmState member : group) {
                moves.add(move(member, host, pool, source, best, snapshot.rules()));
                pool = pool.withMove(member, source, best);
            }
        }
        return new EvacuationPlan(host.uuid(), host.name(), moves, left);
    }

    /** Why the VM cannot leave at all, whatever the destination. */
    private Optional<String> staysBecause(VmState vm, PoolSnapshot snapshot, Eligibility gate, HostState host,
            PredictedPool pool, Integer source) {
        if (source == null) {
            return Optional.of(host.name() + " is not in the collected state");
        }
        Optional<String> pinned = PinnedVms.reason(vm, snapshot.state()).map(GateRefusal::text);
        if (pinned.isPresent()) {
            return pinned;
        }
        if (vm.tags().stream().anyMatch(t -> t.equalsIgnoreCase(SafetyPolicy.IGNORE_TAG))) {
            return Optional.of("is tagged " + SafetyPolicy.IGNORE_TAG + " (xcp-balancer never moves it: move it by hand)");
        }
        if (policy.excludesVm(vm.uuid(), vm.name())) {
            return Optional.of("is listed in control.excludeVms (xcp-balancer never moves it: move it by hand)");
        }
        if (snapshot.migrations().vmsInFlight().contains(vm.uuid())) {
            return Optional.of("is being migrated (followed by this run)");
        }
        if (vm.memoryMb() == null) {
            return Optional.of("has no known memory size");
        }
        return Optional.empty();
    }

    /**
     * The VM and the other running members of its affinity groups when all of them run here and are still to be
     * placed (they must land on one host together); the VM alone otherwise (a member elsewhere: it may join it).
     */
    private static List<VmState> gatheredGroup(VmState vm, int source, PredictedPool pool, List<VmState> guests,
            Set<String> handled) {
        List<VmState> group = new ArrayList<>(List.of(vm));
        for (Constraint affinity : pool.constraints().groupsOf(vm.uuid(), Constraint.Kind.AFFINITY)) {
            for (String member : affinity.vmUuids()) {
                Integer at = member.equals(vm.uuid()) ? null : pool.hostOf(member);
                if (at == null) {
                    continue;
                }
                if (at != source) {
                    return List.of(vm);
                }
                guests.stream().filter(g -> g.uuid().equals(member) && !handled.contains(member)
                        && !group.contains(g)).findFirst().ifPresent(group::add);
            }
        }
        return group;
    }

    private static PredictedPool movedAll(PredictedPool pool, List<VmState> group, int source, int destination) {
        PredictedPool moved = pool;
        for (VmState member : group) {
            moved = moved.withMove(member, source, destination);
        }
        return moved;
    }

    /** "KIND|detail" when h cannot take the VMs (one, or an affinity group together), empty when it can. */
    private Optional<String> refusal(List<VmState> group, int source, int h, PredictedPool pool, Placement placement,
            PoolSnapshot snapshot) {
        HostState destination = pool.host(h);
        if (h == source) {
            return Optional.of(PlacementRefusal.Kind.SAME_HOST + "|" + destination.name() + " is the host being emptied");
        }
        if (destination.cpuNum() == null || destination.memoryFreeMb() == null || destination.metricsAt() == null) {
            return Optional.of(PlacementRefusal.Kind.HOST_NOT_LIVE + "|" + destination.name() + " has no collected metrics");
        }
        Optional<PlacementRefusal> refused = group.size() == 1 ? placement.check(group.get(0), h, pool)
                : placement.checkTogether(group, h, pool);
        if (refused.isPresent()) {
            return Optional.of(refused.get().kind() + "|" + refused.get().detail());
        }
        PredictedPool after = movedAll(pool, group, source, h);
        for (HostRule rule : snapshot.rules()) {
            for (int other = 0; other < pool.hostCount(); other++) {
                if (other != source && after.violates(rule, other) && (other == h || !pool.violates(rule, other))) {
                    return Optional.of("RULE|" + destination.name() + " would push " + pool.host(other).name()
                            + " over " + rule.subject() + " " + SubjectValues.formatThreshold(rule.subject(), rule.threshold()));
                }
            }
        }
        return Optional.empty();
    }

    /** The refusals by kind, one example each: "no host can take it: h1 has 596 MB free ... (and 14 more alike)". */
    private static String noDestination(Map<String, List<String>> refusals) {
        refusals.remove(PlacementRefusal.Kind.SAME_HOST.name());
        if (refusals.isEmpty()) {
            return "no other host in the pool";
        }
        List<String> parts = new ArrayList<>();
        refusals.forEach((kind, details) -> parts.add(details.get(0) + (details.size() > 1 ? " (and "
                + (details.size() - 1) + " more host(s) alike)" : "")));
        return "no host can take it: " + String.join("; ", parts);
    }

    private static PlannedMove move(VmState vm, HostState host, PredictedPool pool, int source, int destination,
            List<HostRule> rules) {
        HostState to = pool.host(destination);
        HostRule rule = rules.isEmpty() ? null : rules.get(0);
        Prediction prediction = null;
        if (rule != null) {
            // Of the rule's first part (a SCORE rule's score), named so the migration log measures the same.
            RulePart part = rule.parts().get(0);
            MoveOutcome outcome = pool.predict(vm, source, destination, rules);
            prediction = new Prediction(pool.value(part, source), outcome.sourceAfter(part),
                    pool.value(part, destination), outcome.destinationAfter(part), pool.average(part),
                    outcome.averageAfter(part), rule.single() ? null : part);
        }
        return new PlannedMove(vm.uuid(), vm.name(), vm.memoryMb(), host.uuid(), host.name(), to.uuid(), to.name(), rule,
                "evacuating " + host.name() + " for maintenance: " + to.name() + " has room"
                        + (rules.isEmpty() ? "" : " and stays within every rule")
                        + (rule != null && rule.form() == HostRule.Form.AND
                                ? "; " + PredictedPart.clause(prediction.part()) : ""),
                prediction);
    }
}
