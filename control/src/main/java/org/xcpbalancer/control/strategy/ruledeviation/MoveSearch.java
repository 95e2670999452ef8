package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xcpbalancer.control.placement.MemoryRule;
import org.xcpbalancer.control.placement.PlacementRefusal;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.MoveOutcome;
import org.xcpbalancer.control.plan.MoveScorer;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/**
 * The search for the best move off one violating host in one predicted pool: every movable VM on it (the gate's
 * verdicts) to every usable host, each kept only when it keeps every rule, lowers the imbalance and passes
 * {@link org.xcpbalancer.control.placement.Placement}; the one that lowers the imbalance most wins (a VM with a
 * preference goes to a preferred host first). A member of a gathered affinity group is weighed with its whole
 * group ({@link AffinityCompanions}). Remembers what it turned down and why, for the NO_MOVE and SKIP decisions.
 */
final class MoveSearch {
    /**
     * The chosen move, with the better destinations it had to skip for lack of memory (as SKIP texts) and the
     * affinity companions that move with the VM (empty when it moves alone).
     */
    record Choice(Violation violation, VmState vm, int destination, MoveOutcome outcome,
            List<String> betterButFull, List<VmState> companions) {
    }

    /** A move the placement is asked about (its outcome is built only for the one chosen). */
    private record Candidate(VmState vm, int destination, double imbalance, List<VmState> companions) {
    }

    private final PlanningInput input;
    private final PredictedPool pool;
    private final List<HostRule> rules;
    private final Violation violation;
    private final Set<String> movedVms;
    private final DecisionLog log;
    private final double minImprovement;
    private final List<String> vmRefusals = new ArrayList<>();
    private final List<String> hostRefusals = new ArrayList<>();
    private final Rejections rejections = new Rejections();
    private final MoveScorer scorer;
    private final CandidateMoves candidates;
    private int movableVms;
    private int usableDestinations;

    MoveSearch(PlanningInput input, PredictedPool pool, Violation violation, Set<String> movedVms, DecisionLog log,
            double minImprovement) {
        this(input, pool, violation, movedVms, log, minImprovement, new CandidateMoves());
    }

    /** @param candidates emptied and refilled: one list serves every search of a planning pass */
    MoveSearch(PlanningInput input, PredictedPool pool, Violation violation, Set<String> movedVms, DecisionLog log,
            double minImprovement, CandidateMoves candidates) {
        this.input = input;
        this.pool = pool;
        this.rules = input.snapshot().rules();
        this.scorer = new MoveScorer(rules);
        this.violation = violation;
        this.movedVms = movedVms;
        this.log = log;
        this.minImprovement = minImprovement;
        this.candidates = candidates;
    }

    Optional<Choice> best() {
        int source = violation.hostIndex();
        Optional<String> sourceRefusal = input.gate().hostRefusal(violation.host().uuid());
        if (sourceRefusal.isPresent()) {
            hostRefusals.add(violation.host().name() + " " + sourceRefusal.get());
            return Optional.empty();
        }
        List<VmState> vms = movableVmsOn(source);
        List<Integer> destinations = destinations(source);
        movableVms = vms.size();
        usableDestinations = destinations.size();
        MoveChecks checks = new MoveChecks(pool, scorer.table(), violation);
        double wanted = pool.imbalance(rules) - minImprovement;
        candidates.clear();
        List<List<VmState>> companionsOf = new ArrayList<>();
        for (int v = 0; v < vms.size(); v++) {
            VmState vm = vms.get(v);
            List<VmState> companions = companionsIfMovable(vm, source);
            companionsOf.add(companions);
            if (companions == null) {
                continue;
            }
            for (int destination : destinations) {
                double imbalance = scorer.score(AffinityCompanions.movedAlong(pool, companions, source, destination),
                        vm, source, destination);
                RejectionKind failed = checks.failedCheck(scorer, destination);
                if (failed == null && !(imbalance < wanted)) {
                    failed = RejectionKind.IMBALANCE_NOT_REDUCED;
                }
                if (failed != null) {
                    noteRejection(failed, vm, destination, checks.brokenRule());
                    continue;
                }
                candidates.add(v, destination, imbalance, unpreferred(vm, destination));
            }
        }
        Candidate best = null;
        List<Candidate> betterButFull = new ArrayList<>();
        // Best first (a preferred host, then the lowest imbalance; ties keep the search order), so the placement,
        // the costliest check (XAPI's HA plan), is asked only until one candidate passes.
        candidates.rank();
        for (int k = 0; k < candidates.size(); k++) {
            int i = candidates.ranked(k);
            int v = candidates.vm(i);
            Candidate candidate = new Candidate(vms.get(v), candidates.destination(i), candidates.imbalance(i),
                    companionsOf.get(v));
            String target = pool.host(candidate.destination()).name();
            Optional<PlacementRefusal> refusal = candidate.companions().isEmpty()
                    ? input.placement().check(candidate.vm(), candidate.destination(), pool)
                    : input.placement().checkTogether(AffinityCompanions.with(candidate.vm(), candidate.companions()),
                            candidate.destination(), pool);
            if (refusal.isEmpty()) {
                best = candidate;
                break;
            }
            boolean memory = refusal.get().kind() == PlacementRefusal.Kind.NOT_ENOUGH_MEMORY;
            rejections.note(memory ? RejectionKind.NO_MEMORY : RejectionKind.PLACEMENT_REFUSED, target,
                    refusal.get()::detail);
            if (memory) {
                betterButFull.add(candidate);
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Candidate chosen = best;
        List<String> skipped = betterButFull.stream()
                .filter(c -> c.imbalance() < chosen.imbalance())
                .sorted(Comparator.comparingDouble(Candidate::imbalance))
                .map(c -> DecisionTexts.skipped(pool.host(c.destination()), c.vm(),
                        MemoryRule.availableMb(pool, c.destination())))
                .distinct().limit(5).toList();
        scorer.score(AffinityCompanions.movedAlong(pool, chosen.companions(), source, chosen.destination()),
                chosen.vm(), source, chosen.destination());
        return Optional.of(new Choice(violation, chosen.vm(), chosen.destination(), scorer.outcome(), skipped,
                chosen.companions()));
    }

    /**
     * The affinity companions the VM must take along (empty: it moves alone); null when it cannot lead a group
     * move now: another member leads it, a member may not move, or the move budget cannot hold the group.
     */
    private List<VmState> companionsIfMovable(VmState vm, int source) {
        List<VmState> companions = AffinityCompanions.of(vm, source, pool, input);
        if (companions == null || companions.isEmpty()) {
            return List.of();
        }
        int budgetLeft = input.moveBudget() - (movedVms.size() - input.plannedBefore().size());
        if (!AffinityCompanions.leads(vm, companions) || companions.size() + 1 > budgetLeft) {
            return null;
        }
        for (VmState companion : companions) {
            Optional<String> refusal = input.gate().vmRefusal(companion.uuid());
            if (movedVms.contains(companion.uuid()) || refusal.isPresent()) {
                vmRefusals.add(vm.name() + " moves only with its affinity group, and " + companion.name() + " "
                        + refusal.orElse("is already moving in this plan"));
                return null;
            }
        }
        return companions;
    }


    /** Whether the VM has a preference (prefer label, home host) that the destination does not meet. */
    private boolean unpreferred(VmState vm, int destination) {
        return pool.constraints().preference(vm.uuid()) != null
                && !pool.constraints().prefers(vm.uuid(), pool.host(destination).uuid());
    }

    /**
     * Counts the scored move's rejection; its sentence is built only when it is one of the few kept as examples
     * (the values are the scorer's, still those of this move).
     */
    private void noteRejection(RejectionKind kind, VmState vm, int destination, int ruleIndex) {
        String target = pool.host(destination).name();
        String key = kind == RejectionKind.SOURCE_NOT_LOWERED ? vm.name() : target;
        if (!rejections.count(kind, key)) {
            return;
        }
        HostRule rule = ruleIndex < 0 ? null : rules.get(ruleIndex);
        String source = violation.host().name();
        rejections.example(kind, key, switch (kind) {
            case SOURCE_NOT_LOWERED -> "moving " + vm.name() + " would not lower " + source + "'s "
                    + DecisionTexts.ruleName(rule);
            case DESTINATION_VIOLATES -> {
                MoveOutcome outcome = scorer.outcome();
                yield "moving " + vm.name() + " to " + target + " would put " + target + " at "
                        + DecisionTexts.partsAfter(rule, outcome::destinationAfter, outcome::averageAfter)
                        + (rule.equals(violation.rule()) ? ": the imbalance would only flip" : "");
            }
            case SOURCE_VIOLATES -> "moving " + vm.name() + " would make " + source + " violate "
                    + DecisionTexts.ruleName(rule);
            case OTHER_VIOLATES -> "moving " + vm.name() + " to " + target + " would lower the "
                    + DecisionTexts.ruleName(rule) + " average so that another host violates it";
            case IMBALANCE_NOT_REDUCED -> "moving " + vm.name() + " to " + target + " would not reduce the deviation";
            case NO_MEMORY, PLACEMENT_REFUSED -> throw new IllegalArgumentException(kind + " is the placement's");
        });
    }

    /** The VMs on the source that the gate lets move, not moved yet in this run, with a measured load. */
    private List<VmState> movableVmsOn(int source) {
        List<VmState> result = new ArrayList<>();
        for (VmState vm : input.snapshot().vms()) {
            Integer at = pool.hostOf(vm.uuid());
            if (at == null || at != source || vm.controlDomain()) {
                continue;
            }
            if (movedVms.contains(vm.uuid())) {
                vmRefusals.add(vm.name() + " is already moving in this plan");
                continue;
            }
            Optional<String> refusal = input.gate().vmRefusal(vm.uuid());
            if (refusal.isPresent() && input.gate().isPinned(vm.uuid())) {
                // Stored once by the strategy chain, not every run.
                vmRefusals.add(vm.name() + " " + refusal.get());
                continue;
            }
            if (refusal.isPresent()) {
                vmRefusals.add(vm.name() + " " + refusal.get());
                log.excludeVmOnce(violation.rule(), vm.hostUuid(), vm.uuid(),
                        DecisionTexts.vmStays(vm, violation.host(), refusal.get()));
                continue;
            }
            if (rules.stream().flatMap(r -> r.subjects().stream()).anyMatch(s -> Double.isNaN(pool.share(s, vm, source)))) {
                vmRefusals.add(vm.name() + " has no measured load");
                continue;
            }
            result.add(vm);
        }
        result.sort(Comparator.comparing(VmState::name, Comparator.nullsLast(String::compareTo))
                .thenComparing(VmState::uuid));
        return result;
    }

    /** The other hosts the gate lets take a VM, measured for every rule and violating none. */
    private List<Integer> destinations(int source) {
        List<Integer> result = new ArrayList<>();
        for (int h = 0; h < pool.hostCount(); h++) {
            if (h == source) {
                continue;
            }
            HostState host = pool.host(h);
            Optional<String> refusal = input.gate().hostRefusal(host.uuid());
            if (refusal.isPresent()) {
                hostRefusals.add(host.name() + " " + refusal.get());
                log.excludeHostOnce(host.uuid(), DecisionTexts.hostTakesNoVm(host, refusal.get()));
                continue;
            }
            int index = h;
            if (rules.stream().flatMap(r -> r.subjects().stream()).anyMatch(s -> Double.isNaN(pool.value(s, index)))) {
                hostRefusals.add(host.name() + " has no measured value for a rule");
                continue;
            }
            if (rules.stream().anyMatch(r -> pool.violates(r, index))) {
                hostRefusals.add(host.name() + " violates a rule itself");
                continue;
            }
            result.add(h);
        }
        return result;
    }

    /** Why {@link #best} found nothing, for the NO_MOVE decision. */
    String whyNothing() {
        if (input.gate().hostRefusal(violation.host().uuid()).isPresent()) {
            return "the host may not give a VM: " + String.join("; ", hostRefusals);
        }
        if (movableVms == 0) {
            return "no VM on it may move" + (vmRefusals.isEmpty() ? " (it runs no guest)"
                    : " (" + DecisionTexts.firstFive(vmRefusals) + ")");
        }
        if (usableDestinations == 0) {
            return "no other host may take a VM" + (hostRefusals.isEmpty() ? ""
                    : " (" + DecisionTexts.firstFive(hostRefusals) + ")");
        }
        return "of " + (movableVms * usableDestinations) + " possible move(s) none is safe: " + rejections.summary();
    }
}
