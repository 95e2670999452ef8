package org.xcpbalancer.control.strategy.ruledeviation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xcpbalancer.control.plan.BalancingStrategy;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.MoveOutcome;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.control.plan.StrategyPlan;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.VmState;

/**
 * The original xcp-balancer algorithm, made safe. For each rule the pool average is the plain mean of the host
 * values; a host violates the rule when its value is more than the threshold above the average. A violation is
 * acted on once it lasted control.holdSamples samples ({@link HoldCheck}). The host furthest above (in units of
 * its rule's threshold) gives a VM: the move {@link MoveSearch} finds that lowers the pool's imbalance most while
 * the source improves and no host then violates a rule. The move is applied to the predicted pool and the search
 * repeats until nothing held is left or the move budget is spent.
 */
public final class RuleDeviationStrategy implements BalancingStrategy {
    public static final String NAME = "rule-deviation";

    private final RuleDeviationArgs args;

    public RuleDeviationStrategy(RuleDeviationArgs args) {
        this.args = args;
    }

    public static RuleDeviationStrategy from(Settings settings) {
        return new RuleDeviationStrategy(RuleDeviationArgs.from(settings));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int samplesNeeded() {
        return args.holdSamples();
    }

    @Override
    public StrategyPlan plan(PlanningInput input) {
        List<HostRule> rules = input.snapshot().rules();
        if (rules.isEmpty()) {
            return StrategyPlan.of(Decision.of(DecisionAction.BALANCED, DecisionTexts.noRules(input.snapshot().poolName())));
        }
        HoldCheck hold = HoldCheck.of(input.snapshot(), rules, args.holdSamples(), input.policy().maxDataAge());
        DecisionLog log = new DecisionLog();
        List<PlannedMove> moves = new ArrayList<>();
        Set<String> movedVms = new HashSet<>();
        input.plannedBefore().forEach(m -> movedVms.add(m.vmUuid()));
        Set<Violation.Key> unfixable = new HashSet<>();
        PredictedPool pool = input.pool();
        CandidateMoves candidates = new CandidateMoves();
        while (true) {
            List<Violation> violations = Violation.all(pool, rules);
            if (violations.isEmpty()) {
                if (moves.isEmpty() && !log.anyWaiting()) {
                    log.add(Decision.of(DecisionAction.BALANCED, DecisionTexts.balanced(pool, rules)));
                }
                break;
            }
            List<Violation> held = new ArrayList<>();
            for (Violation violation : violations) {
                if (hold.lastedLongEnough(violation.rule(), violation.host().uuid())) {
                    held.add(violation);
                } else {
                    log.waitOnce(violation, DecisionTexts.waiting(violation,
                            hold.violatingSamples(violation.rule(), violation.host().uuid()), hold.holdSamples()));
                }
            }
            held.removeIf(v -> unfixable.contains(v.key()));
            if (held.isEmpty()) {
                break;
            }
            if (moves.size() >= input.moveBudget()) {
                log.add(Decision.of(DecisionAction.WAIT, DecisionTexts.budgetSpent(held.size(),
                        input.plannedBefore().size() + moves.size(), input.policy().maxMigrationsPerRun())));
                break;
            }
            Optional<MoveSearch.Choice> choice = Optional.empty();
            for (Violation violation : held) {
                MoveSearch search = new MoveSearch(input, pool, violation, movedVms, log, args.minImprovement(),
                        candidates);
                choice = search.best();
                if (choice.isPresent()) {
                    break;
                }
                unfixable.add(violation.key());
                log.add(Decision.aboutHost(DecisionAction.NO_MOVE, violation.rule(), violation.host().uuid(),
                        DecisionTexts.nothingMoved(violation, search.whyNothing())));
            }
            if (choice.isEmpty()) {
                break;
            }
            MoveSearch.Choice chosen = choice.get();
            PlannedMove move = accept(chosen, pool, hold, log);
            moves.add(move);
            pool = pool.withMove(chosen.vm(), chosen.violation().hostIndex(), chosen.destination());
            movedVms.add(chosen.vm().uuid());
            // An affinity group moves as a whole: its other members follow to the same host, in this plan.
            for (VmState companion : chosen.companions()) {
                moves.add(follow(companion, move, log));
                pool = pool.withMove(companion, chosen.violation().hostIndex(), chosen.destination());
                movedVms.add(companion.uuid());
            }
        }
        return new StrategyPlan(moves, log.decisions());
    }

    /** The move of an affinity companion of the chosen VM, to the same host, for the same reason. */
    private static PlannedMove follow(VmState companion, PlannedMove leader, DecisionLog log) {
        String reason = "moves with " + leader.vmName() + " (their affinity group moves together): " + leader.reason();
        log.add(Decision.aboutVm(DecisionAction.MOVE, leader.rule(), leader.sourceUuid(), companion.uuid(),
                companion.name() + ": " + leader.sourceName() + " -> " + leader.destinationName() + ": " + reason));
        return new PlannedMove(companion.uuid(), companion.name(), companion.memoryMb(), leader.sourceUuid(),
                leader.sourceName(), leader.destinationUuid(), leader.destinationName(), leader.rule(), reason,
                leader.prediction());
    }

    /** The planned move for the choice, with its MOVE and SKIP decisions logged. */
    private static PlannedMove accept(MoveSearch.Choice choice, PredictedPool pool, HoldCheck hold, DecisionLog log) {
        Violation v = choice.violation();
        VmState vm = choice.vm();
        HostState source = v.host();
        HostState target = pool.host(choice.destination());
        RulePart part = v.part();
        MoveOutcome after = choice.outcome();
        Prediction prediction = new Prediction(v.value(), after.sourceAfter(part),
                pool.value(part, choice.destination()), after.destinationAfter(part), v.average(),
                after.averageAfter(part), v.rule().single() ? null : part);
        int samples = hold.violatingSamples(v.rule(), source.uuid());
        String reason = v.rule().single()
                ? DecisionTexts.moveReason(v, samples, vm, pool.share(v.rule().subject(), vm, v.hostIndex()), target,
                        prediction)
                : DecisionTexts.combinedMoveReason(v, samples, vm, pool, choice.destination(), after);
        log.add(Decision.aboutVm(DecisionAction.MOVE, v.rule(), source.uuid(), vm.uuid(),
                vm.name() + ": " + source.name() + " -> " + target.name() + ": " + reason));
        for (String skipped : choice.betterButFull()) {
            log.add(Decision.aboutVm(DecisionAction.SKIP, v.rule(), source.uuid(), vm.uuid(), skipped));
        }
        return new PlannedMove(vm.uuid(), vm.name(), vm.memoryMb(), source.uuid(), source.name(), target.uuid(),
                target.name(), v.rule(), reason, prediction);
    }
}
