package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xcpbalancer.control.plan.BalancingStrategy;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.Eligibility;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.control.plan.SubjectValues;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

/**
 * The original xcp-balancer algorithm, made safe. For each rule the pool average is the plain mean of the host
 * values; a host violates the rule when its value is more than the threshold above the average. The host
 * furthest above (in units of its rule's threshold) gives a VM: among its movable VMs and the usable hosts, the
 * move that lowers the pool's imbalance most ({@link PredictedPool#imbalance}) while the source improves and no
 * host, the destination included, then violates a rule. The move is applied to the prediction and the search
 * repeats, up to maxMigrationsPerRun moves.
 */
public final class RuleDeviationStrategy implements BalancingStrategy {
    public static final String NAME = "rule-deviation";

    private final RuleDeviationArgs args;
    private final SafetyPolicy policy;

    public RuleDeviationStrategy(RuleDeviationArgs args, SafetyPolicy policy) {
        this.args = args;
        this.policy = policy;
    }

    public static RuleDeviationStrategy from(SafetyPolicy policy) {
        return new RuleDeviationStrategy(RuleDeviationArgs.from(policy), policy);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MigrationPlan plan(PoolSnapshot snapshot) {
        Eligibility eligibility = Eligibility.of(snapshot, policy);
        if (eligibility.blockers().stream().anyMatch(d -> d.action() == DecisionAction.BLOCKED)) {
            return MigrationPlan.blocked(NAME, eligibility.blockers());
        }
        if (snapshot.rules().isEmpty()) {
            return new MigrationPlan(NAME, List.of(), eligibility.blockers(), false);
        }
        return new Pass(snapshot, eligibility).run();
    }

    /** One planning pass: the mutable bookkeeping of a single plan() call. */
    private final class Pass {
        private final PoolSnapshot snapshot;
        private final Eligibility eligibility;
        private final List<HostRule> rules;
        private final PredictedPool pool;
        private final HoldCheck hold;
        private final List<PlannedMove> moves = new ArrayList<>();
        private final List<Decision> decisions = new ArrayList<>();
        private final Set<String> movedVms = new HashSet<>();
        private final Set<String> reported = new HashSet<>();
        private final Set<String> unfixable = new HashSet<>();

        Pass(PoolSnapshot snapshot, Eligibility eligibility) {
            this.snapshot = snapshot;
            this.eligibility = eligibility;
            this.rules = snapshot.rules();
            this.pool = new PredictedPool(snapshot.hosts(), snapshot.vms());
            this.hold = HoldCheck.of(snapshot, rules, args.holdSamples(), policy.maxDataAge());
        }

        MigrationPlan run() {
            while (true) {
                List<Violation> violations = violations();
                if (violations.isEmpty()) {
                    if (moves.isEmpty() && !reported.contains("wait")) {
                        decisions.add(Decision.of(DecisionAction.BALANCED, balancedText()));
                    }
                    break;
                }
                List<Violation> held = new ArrayList<>();
                for (Violation violation : violations) {
                    if (hold.held(violation.rule(), violation.host().uuid())) {
                        held.add(violation);
                    } else if (reported.add("wait:" + violation.key())) {
                        reported.add("wait");
                        decisions.add(Decision.aboutHost(DecisionAction.WAIT, violation.rule(), violation.host().uuid(),
                                violation.describe() + ", but only in " + hold.violatingSamples(violation.rule(),
                                        violation.host().uuid()) + " of the last " + hold.holdSamples()
                                        + " samples (control.holdSamples): waiting"));
                    }
                }
                held.removeIf(v -> unfixable.contains(v.key()));
                if (held.isEmpty()) {
                    break;
                }
                if (moves.size() >= args.maxMigrationsPerRun()) {
                    decisions.add(Decision.of(DecisionAction.WAIT, held.size() + " violation(s) remain after "
                            + moves.size() + " planned move(s), the most of one run (control.maxMigrationsPerRun "
                            + args.maxMigrationsPerRun() + "): the next run continues"));
                    break;
                }
                Choice choice = null;
                for (Violation violation : held) {
                    MoveSearch search = new MoveSearch(violation);
                    choice = search.best();
                    if (choice != null) {
                        break;
                    }
                    unfixable.add(violation.key());
                    decisions.add(Decision.aboutHost(DecisionAction.NO_MOVE, violation.rule(), violation.host().uuid(),
                            violation.describe() + ", but nothing moved: " + search.whyNothing()));
                }
                if (choice == null) {
                    break;
                }
                accept(choice);
            }
            return new MigrationPlan(NAME, moves, decisions, false);
        }

        private List<Violation> violations() {
            List<Violation> result = new ArrayList<>();
            for (HostRule rule : rules) {
                for (int h : pool.violators(rule)) {
                    result.add(new Violation(rule, h, pool.host(h), pool.value(rule.subject(), h),
                            pool.average(rule.subject())));
                }
            }
            result.sort(Comparator.comparingDouble(Violation::severity).reversed()
                    .thenComparing(v -> v.host().name(), Comparator.nullsLast(String::compareTo)));
            return result;
        }

        private String balancedText() {
            List<String> parts = new ArrayList<>();
            for (HostRule rule : rules) {
                double average = pool.average(rule.subject());
                double worst = Double.NEGATIVE_INFINITY;
                for (int h = 0; h < pool.hostCount(); h++) {
                    double value = pool.value(rule.subject(), h);
                    if (!Double.isNaN(value)) {
                        worst = Math.max(worst, value - average);
                    }
                }
                parts.add(rule.subject() + " (average " + SubjectValues.format(rule.subject(), average)
                        + ", highest host " + (worst == Double.NEGATIVE_INFINITY ? "not measured"
                                : SubjectValues.formatDelta(rule.subject(), worst))
                        + ", threshold " + SubjectValues.formatThreshold(rule.subject(), rule.threshold()) + ")");
            }
            return "every host is within its rules: " + String.join("; ", parts);
        }

        private void accept(Choice choice) {
            Violation v = choice.violation();
            VmState vm = choice.vm();
            int destination = choice.destination();
            HostState source = v.host();
            HostState target = pool.host(destination);
            var subject = v.rule().subject();
            double share = pool.share(subject, vm, v.hostIndex());
            Prediction prediction = new Prediction(v.value(), choice.outcome().sourceAfter(subject),
                    pool.value(subject, destination), choice.outcome().destinationAfter(subject), v.average(),
                    choice.outcome().averageAfter(subject));
            String reason = v.describe() + " in " + hold.violatingSamples(v.rule(), source.uuid())
                    + " samples in a row; moving " + vm.name() + " (its share " + SubjectValues.formatAmount(subject, share)
                    + ") to " + target.name() + " takes " + source.name() + " to "
                    + SubjectValues.format(subject, prediction.sourceAfter()) + " and " + target.name() + " from "
                    + SubjectValues.format(subject, prediction.destinationBefore()) + " to "
                    + SubjectValues.format(subject, prediction.destinationAfter()) + " (average "
                    + SubjectValues.format(subject, prediction.averageAfter()) + "); no host newly violates a rule";
            moves.add(new PlannedMove(vm.uuid(), vm.name(), vm.memoryMb(), source.uuid(), source.name(),
                    target.uuid(), target.name(), v.rule(), reason, prediction));
            decisions.add(Decision.aboutVm(DecisionAction.MOVE, v.rule(), source.uuid(), vm.uuid(),
                    vm.name() + ": " + source.name() + " -> " + target.name() + ": " + reason));
            for (String skipped : choice.betterButFull()) {
                decisions.add(Decision.aboutVm(DecisionAction.SKIP, v.rule(), source.uuid(), vm.uuid(), skipped));
            }
            pool.apply(vm, v.hostIndex(), destination);
            movedVms.add(vm.uuid());
        }

        /** The search for the best move off one violating host, with what it rejected and why. */
        private final class MoveSearch {
            private final Violation violation;
            private final List<String> vmRefusals = new ArrayList<>();
            private final List<String> hostRefusals = new ArrayList<>();
            private final Rejections rejections = new Rejections();
            private final List<Candidate> fullButBetter = new ArrayList<>();
            private final java.util.Map<HostRule, PredictedPool.TopCompliant> topCompliant = new java.util.HashMap<>();
            private int movableVms;
            private int usableDestinations;

            MoveSearch(Violation violation) {
                this.violation = violation;
            }

            Choice best() {
                int source = violation.hostIndex();
                if (!eligibility.hostUsable(violation.host().uuid())) {
                    hostRefusals.add(violation.host().name() + " " + eligibility.hostRefusal(violation.host().uuid()).orElseThrow());
                    return null;
                }
                List<VmState> vms = movableVmsOn(source);
                List<Integer> destinations = destinations(source);
                movableVms = vms.size();
                usableDestinations = destinations.size();
                rules.forEach(rule -> topCompliant.put(rule, pool.topCompliant(rule)));
                double imbalanceNow = pool.imbalance(rules);
                double wanted = imbalanceNow - args.minImprovement();
                Candidate best = null;
                for (VmState vm : vms) {
                    for (int destination : destinations) {
                        PredictedPool.MoveOutcome outcome = pool.predict(vm, source, destination, rules);
                        String refusal = ruleRefusal(vm, source, destination, outcome);
                        if (refusal != null) {
                            continue;
                        }
                        if (!(outcome.imbalance() < wanted)) {
                            rejections.note(Rejections.NOT_BETTER, pool.host(destination).name(), () -> "moving " + vm.name() + " to "
                                    + pool.host(destination).name() + " would not reduce the deviation");
                            continue;
                        }
                        Candidate candidate = new Candidate(vm, destination, outcome);
                        long freeMb = pool.freeMemoryMb(destination);
                        if (vm.memoryMb() > freeMb) {
                            rejections.note(Rejections.NO_MEMORY, pool.host(destination).name(), () -> pool.host(destination).name() + " has "
                                    + freeMb + " MB free, " + vm.name() + " needs " + vm.memoryMb() + " MB");
                            fullButBetter.add(candidate);
                            continue;
                        }
                        if (best == null || outcome.imbalance() < best.outcome().imbalance()) {
                            best = candidate;
                        }
                    }
                }
                if (best == null) {
                    return null;
                }
                Candidate chosen = best;
                List<String> skipped = fullButBetter.stream()
                        .filter(c -> c.outcome().imbalance() < chosen.outcome().imbalance())
                        .sorted(Comparator.comparingDouble(c -> c.outcome().imbalance()))
                        .map(c -> pool.host(c.destination()).name() + " skipped as destination of " + c.vm().name()
                                + " although it would balance better: it has " + pool.freeMemoryMb(c.destination())
                                + " MB free memory, " + c.vm().name() + " needs " + c.vm().memoryMb() + " MB")
                        .distinct().limit(5).toList();
                return new Choice(violation, chosen.vm(), chosen.destination(), chosen.outcome(), skipped);
            }

            /** Why the move breaks a rule (ping-pong, no improvement), or null when it keeps every rule. */
            private String ruleRefusal(VmState vm, int source, int destination, PredictedPool.MoveOutcome outcome) {
                HostState target = pool.host(destination);
                var subject = violation.rule().subject();
                double deviationAfter = outcome.sourceAfter(subject) - outcome.averageAfter(subject);
                if (!(deviationAfter < violation.deviation())) {
                    rejections.note(Rejections.NO_IMPROVEMENT, vm.name(), () -> "moving " + vm.name() + " would not lower "
                            + violation.host().name() + "'s " + subject);
                    return "no improvement";
                }
                for (HostRule rule : rules) {
                    var s = rule.subject();
                    double average = outcome.averageAfter(s);
                    double destinationDeviation = outcome.destinationAfter(s) - average;
                    if (destinationDeviation > rule.threshold()) {
                        rejections.note(Rejections.DESTINATION_VIOLATES, target.name(), () -> "moving " + vm.name() + " to " + target.name()
                                + " would put " + target.name() + " at " + SubjectValues.format(s, outcome.destinationAfter(s))
                                + ", " + SubjectValues.formatDelta(s, destinationDeviation) + " above the average "
                                + SubjectValues.format(s, average) + " (" + s + " threshold "
                                + SubjectValues.formatThreshold(s, rule.threshold()) + ")"
                                + (s == subject ? ": the imbalance would only flip" : ""));
                        return "destination";
                    }
                    double sourceBefore = pool.deviation(s, source);
                    double sourceAfter = outcome.sourceAfter(s) - average;
                    if (sourceAfter > rule.threshold() && (sourceBefore <= rule.threshold() || sourceAfter > sourceBefore)) {
                        rejections.note(Rejections.OTHER_VIOLATES, target.name(), () -> "moving " + vm.name() + " would make "
                                + violation.host().name() + " violate " + s);
                        return "source";
                    }
                    double largestOther = topCompliant.get(rule).largestExcept(source, destination);
                    if (!Double.isNaN(largestOther) && largestOther - average > rule.threshold()) {
                        rejections.note(Rejections.OTHER_VIOLATES, target.name(), () -> "moving " + vm.name() + " to " + target.name()
                                + " would lower the " + s + " average so that another host violates it");
                        return "other";
                    }
                }
                return null;
            }

            private List<VmState> movableVmsOn(int source) {
                List<VmState> result = new ArrayList<>();
                for (VmState vm : snapshot.vms()) {
                    Integer at = pool.hostOf(vm.uuid());
                    if (at == null || at != source) {
                        continue;
                    }
                    if (vm.controlDomain()) {
                        continue;
                    }
                    if (movedVms.contains(vm.uuid())) {
                        vmRefusals.add(vm.name() + " is already moving in this plan");
                        continue;
                    }
                    var refusal = eligibility.vmRefusal(vm.uuid());
                    if (refusal.isPresent()) {
                        vmRefusals.add(vm.name() + " " + refusal.get());
                        if (reported.add("vm:" + vm.uuid())) {
                            decisions.add(Decision.aboutVm(DecisionAction.EXCLUDE, violation.rule(), vm.hostUuid(),
                                    vm.uuid(), vm.name() + " stays on " + violation.host().name() + ": it "
                                            + refusal.get()));
                        }
                        continue;
                    }
                    if (rules.stream().anyMatch(r -> Double.isNaN(pool.share(r.subject(), vm, source)))) {
                        vmRefusals.add(vm.name() + " has no measured load");
                        continue;
                    }
                    result.add(vm);
                }
                result.sort(Comparator.comparing(VmState::name, Comparator.nullsLast(String::compareTo))
                        .thenComparing(VmState::uuid));
                return result;
            }

            private List<Integer> destinations(int source) {
                List<Integer> result = new ArrayList<>();
                for (int h = 0; h < pool.hostCount(); h++) {
                    if (h == source) {
                        continue;
                    }
                    HostState host = pool.host(h);
                    var refusal = eligibility.hostRefusal(host.uuid());
                    if (refusal.isPresent()) {
                        hostRefusals.add(host.name() + " " + refusal.get());
                        if (reported.add("host:" + host.uuid())) {
                            decisions.add(Decision.aboutHost(DecisionAction.EXCLUDE, null, host.uuid(),
                                    host.name() + " takes no VM: it " + refusal.get()));
                        }
                        continue;
                    }
                    int index = h;
                    if (rules.stream().anyMatch(r -> Double.isNaN(pool.value(r.subject(), index)))) {
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

            String whyNothing() {
                if (!eligibility.hostUsable(violation.host().uuid())) {
                    return "the host may not give a VM: " + String.join("; ", hostRefusals);
                }
                if (movableVms == 0) {
                    return "no VM on it may move" + (vmRefusals.isEmpty() ? " (it runs no guest)"
                            : " (" + String.join("; ", vmRefusals.stream().limit(5).toList())
                                    + (vmRefusals.size() > 5 ? "; ..." : "") + ")");
                }
                if (usableDestinations == 0) {
                    return "no other host may take a VM" + (hostRefusals.isEmpty() ? ""
                            : " (" + String.join("; ", hostRefusals.stream().limit(5).toList())
                                    + (hostRefusals.size() > 5 ? "; ..." : "") + ")");
                }
                return "of " + (movableVms * usableDestinations) + " possible move(s) none is safe: "
                        + rejections.summary();
            }
        }
    }

    private record Violation(HostRule rule, int hostIndex, HostState host, double value, double average) {
        double deviation() {
            return value - average;
        }

        /** How far above the average, in units of the rule's threshold. */
        double severity() {
            return deviation() / rule.threshold();
        }

        String key() {
            return rule.subject() + ":" + host.uuid();
        }

        String describe() {
            var s = rule.subject();
            return host.name() + " violates " + s + ": " + SubjectValues.format(s, value) + " is "
                    + SubjectValues.formatDelta(s, deviation()) + " above the pool average "
                    + SubjectValues.format(s, average) + " (threshold " + SubjectValues.formatThreshold(s, rule.threshold())
                    + ")";
        }
    }

    private record Candidate(VmState vm, int destination, PredictedPool.MoveOutcome outcome) {
    }

    private record Choice(Violation violation, VmState vm, int destination, PredictedPool.MoveOutcome outcome,
            List<String> betterButFull) {
    }
}
