package org.xcpbalancer.control.strategy.constraintrepair;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xcpbalancer.control.placement.PlacementRefusal;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.StrategyPlan;
import org.xcpbalancer.core.constraints.Constraint;
import org.xcpbalancer.core.constraints.ConstraintCheck;
import org.xcpbalancer.core.constraints.ConstraintStatus;
import org.xcpbalancer.core.state.VmState;

/**
 * One plan() call of the constraint-repair strategy: the predicted pool as repairs change it, the moves and
 * decisions so far, and the constraints found impossible to meet with why (reported at the end, once: a
 * decision the last stored one already said is not stored again).
 */
final class RepairRun {
    /** Why a VM stays where it is; waiting means the hold, not a lasting reason. */
    private record Stay(String why, boolean waiting) {
    }

    private final PlanningInput input;
    private final int holdSamples;
    private final Map<String, VmState> vms = new HashMap<>();
    private final Set<String> moved = new HashSet<>();
    private final List<PlannedMove> moves = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final Map<Constraint, String> unmet = new LinkedHashMap<>();
    private PredictedPool pool;
    private boolean budgetSpent;

    RepairRun(PlanningInput input, int holdSamples) {
        this.input = input;
        this.holdSamples = holdSamples;
        this.pool = input.pool();
        input.snapshot().vms().forEach(vm -> vms.put(vm.uuid(), vm));
        input.plannedBefore().forEach(m -> moved.add(m.vmUuid()));
    }

    void repair(Constraint constraint) {
        ConstraintStatus status = check().status(constraint);
        if (status.holds() || budgetSpent) {
            return;
        }
        switch (constraint.kind()) {
            case RUN_ON -> runOn(status);
            case ANTI_AFFINITY -> antiAffinity(status);
            case AFFINITY -> affinity(status);
            case PREFER -> prefer(status);
        }
    }

    private void runOn(ConstraintStatus status) {
        VmState vm = vms.get(status.constraint().vmUuids().get(0));
        Optional<Stay> stay = stay(vm);
        if (stay.isPresent()) {
            unmetUnlessWaiting(status, stay.get());
            return;
        }
        Destinations destinations = new Destinations(input, pool);
        destinations.best(vm, h -> true).ifPresentOrElse(
                h -> move(vm, h, status, pool.host(h).name() + " carries its labels"),
                () -> unmet.put(status.constraint(), "no host may take " + vm.name() + " (" + destinations.whyNone() + ")"));
    }

    private void antiAffinity(ConstraintStatus status) {
        List<String> why = new ArrayList<>();
        for (List<String> members : check().membersByHost(status.constraint()).values()) {
            List<VmState> sharing = members.stream().map(vms::get)
                    .sorted(Comparator.comparing((VmState vm) -> stay(vm).isEmpty()).thenComparing(VmState::name))
                    .toList();
            for (VmState vm : sharing.subList(Math.min(1, sharing.size()), sharing.size())) {
                Optional<Stay> stay = stay(vm);
                if (stay.isPresent()) {
                    if (!stay.get().waiting()) {
                        why.add(vm.name() + " " + stay.get().why());
                    }
                    waitIf(stay.get());
                    continue;
                }
                Destinations destinations = new Destinations(input, pool);
                Optional<Integer> to = destinations.best(vm, h -> true);
                if (to.isEmpty()) {
                    why.add("no host may take " + vm.name() + " (" + destinations.whyNone() + ")");
                } else if (!move(vm, to.get(), status, pool.host(to.get()).name() + " runs no other member")) {
                    return;
                }
            }
        }
        if (!why.isEmpty()) {
            unmet.put(status.constraint(), String.join("; ", why));
        }
    }

    private void affinity(ConstraintStatus status) {
        ConstraintCheck check = check();
        Map<String, List<String>> byHost = check.membersByHost(status.constraint());
        List<VmState> running = byHost.values().stream().flatMap(List::stream).map(vms::get).toList();
        List<String> fixedHosts = new ArrayList<>();
        for (VmState vm : running) {
            Optional<Stay> stay = stay(vm);
            if (stay.isPresent() && stay.get().waiting()) {
                waitIf(stay.get());
                return;
            }
            if (stay.isPresent() && !fixedHosts.contains(pool.hostUuidOf(vm.uuid()))) {
                fixedHosts.add(pool.hostUuidOf(vm.uuid()));
            }
        }
        if (fixedHosts.size() > 1) {
            unmet.put(status.constraint(), "members that cannot move run on different hosts");
            return;
        }
        List<Integer> targets = new ArrayList<>();
        if (fixedHosts.isEmpty()) {
            targets.add(pool.indexOf(check.mainHost(byHost)));
            for (int h = 0; h < pool.hostCount(); h++) {
                if (!targets.contains(h)) {
                    targets.add(h);
                }
            }
        } else {
            targets.add(pool.indexOf(fixedHosts.get(0)));
        }
        List<String> refusals = new ArrayList<>();
        for (int target : targets) {
            List<VmState> toMove = running.stream().filter(vm -> pool.hostOf(vm.uuid()) != target).toList();
            if (input.gate().hostRefusal(pool.host(target).uuid()).isPresent()) {
                continue;
            }
            Optional<PlacementRefusal> refusal = input.placement().checkTogether(toMove, target, pool);
            if (refusal.isPresent()) {
                refusals.add(refusal.get().detail());
                continue;
            }
            if (moves.size() + toMove.size() > input.moveBudget()) {
                budgetSpent = true;
                return;
            }
            String how = "gathering the group on " + pool.host(target).name() + ", which holds them all";
            toMove.forEach(vm -> move(vm, target, status, how));
            return;
        }
        unmet.put(status.constraint(), "no host may take the whole group ("
                + String.join("; ", refusals.stream().distinct().limit(3).toList()) + ")");
    }

    private void prefer(ConstraintStatus status) {
        VmState vm = vms.get(status.constraint().vmUuids().get(0));
        if (stay(vm).isPresent()) {
            return;
        }
        Integer source = pool.hostOf(vm.uuid());
        Destinations destinations = new Destinations(input, pool);
        destinations.best(vm, h -> pool.constraints().prefers(vm.uuid(), pool.host(h).uuid())
                && !destinations.breaksBalancingRule(vm, source, h))
                .ifPresent(h -> move(vm, h, status, pool.host(h).name() + " is preferred and stays within the rules"));
    }

    /** Why the VM may not be moved by a repair now: the gate, its host's gate, the hold; empty when it may. */
    private Optional<Stay> stay(VmState vm) {
        if (moved.contains(vm.uuid())) {
            return Optional.of(new Stay("is already moving in this plan", true));
        }
        Optional<String> gate = input.gate().vmRefusal(vm.uuid());
        if (gate.isPresent()) {
            return Optional.of(new Stay(gate.get(), false));
        }
        String hostUuid = pool.hostUuidOf(vm.uuid());
        Optional<String> host = hostUuid == null ? Optional.empty() : input.gate().hostRefusal(hostUuid);
        if (host.isPresent()) {
            return Optional.of(new Stay("runs on a host that " + host.get(), false));
        }
        int settled = input.snapshot().settledSamples(vm.uuid());
        if (settled < holdSamples) {
            String hostName = pool.host(pool.hostOf(vm.uuid())).name();
            return Optional.of(new Stay(RepairTexts.waiting(vm.name(), hostName, settled, holdSamples), true));
        }
        return Optional.empty();
    }

    private void unmetUnlessWaiting(ConstraintStatus status, Stay stay) {
        waitIf(stay);
        if (!stay.waiting()) {
            unmet.put(status.constraint(), vms.get(status.constraint().vmUuids().get(0)).name() + " " + stay.why());
        }
    }

    private void waitIf(Stay stay) {
        if (stay.waiting() && !stay.why().startsWith("is already")) {
            decisions.add(Decision.of(DecisionAction.WAIT, stay.why()));
        }
    }

    /** Plans the move, unless the budget is spent (then false). */
    private boolean move(VmState vm, int destination, ConstraintStatus status, String how) {
        if (moves.size() >= input.moveBudget()) {
            budgetSpent = true;
            return false;
        }
        int source = pool.hostOf(vm.uuid());
        String reason = RepairTexts.repairs(status, how);
        PlannedMove move = new PlannedMove(vm.uuid(), vm.name(), vm.memoryMb(), pool.host(source).uuid(),
                pool.host(source).name(), pool.host(destination).uuid(), pool.host(destination).name(), null, reason,
                null);
        decisions.add(Decision.aboutVm(DecisionAction.MOVE, null, move.sourceUuid(), vm.uuid(),
                move.summary() + ": " + reason));
        moves.add(move);
        moved.add(vm.uuid());
        pool = pool.withMove(vm, source, destination);
        return true;
    }

    private ConstraintCheck check() {
        return new ConstraintCheck(pool.constraints(), pool::hostUuidOf,
                uuid -> vms.containsKey(uuid) ? vms.get(uuid).name() : uuid,
                uuid -> pool.indexOf(uuid) == null ? uuid : pool.host(pool.indexOf(uuid)).name());
    }

    /** The moves and decisions, with a NO_MOVE per constraint still unmet that was not said before. */
    StrategyPlan finish() {
        ConstraintCheck check = check();
        if (budgetSpent) {
            long broken = pool.constraints().constraints().stream().filter(c -> c.kind().must())
                    .filter(c -> !check.status(c).holds()).count();
            decisions.add(Decision.of(DecisionAction.WAIT, RepairTexts.budgetSpent((int) broken,
                    input.plannedBefore().size() + moves.size(), input.policy().maxMigrationsPerRun())));
        }
        unmet.forEach((constraint, why) -> {
            ConstraintStatus now = check.status(constraint);
            Decision decision = Decision.of(DecisionAction.NO_MOVE, RepairTexts.cannotBeMet(now, why));
            if (!now.holds() && !input.snapshot().reported().alreadySaid(decision)) {
                decisions.add(decision);
            }
        });
        return new StrategyPlan(moves, decisions);
    }
}
