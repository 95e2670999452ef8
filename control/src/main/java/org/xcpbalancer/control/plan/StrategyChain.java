package org.xcpbalancer.control.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.xcpbalancer.control.mode.ControlCalendar;
import org.xcpbalancer.control.mode.ControlMode;
import org.xcpbalancer.control.placement.InMaintenanceRule;
import org.xcpbalancer.control.placement.Placement;
import org.xcpbalancer.control.placement.RefusedByXapiRule;
import org.xcpbalancer.core.state.VmState;

/**
 * The enabled strategies in control.strategies order, planned one after the other: each sees the pool as
 * predicted after the moves of those before it and the move budget they left (control.maxMigrationsPerRun
 * caps the sum). A blocked gate (stale data) stops everything before any strategy runs.
 */
public final class StrategyChain {
    private final SafetyPolicy policy;
    private final List<BalancingStrategy> strategies;
    private final Placement placement;
    private final ControlCalendar calendar;

    public StrategyChain(SafetyPolicy policy, List<BalancingStrategy> strategies) {
        this(policy, strategies, Placement.standard(policy));
    }

    public StrategyChain(SafetyPolicy policy, List<BalancingStrategy> strategies, Placement placement) {
        this(policy, strategies, placement, ControlCalendar.ALWAYS_PERFORMANCE);
    }

    private StrategyChain(SafetyPolicy policy, List<BalancingStrategy> strategies, Placement placement,
            ControlCalendar calendar) {
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no strategy enabled");
        }
        this.policy = policy;
        this.strategies = List.copyOf(strategies);
        this.placement = placement;
        this.calendar = calendar;
    }

    /** This chain with the modes (and windows) of the settings: the mode in force reaches each strategy. */
    public StrategyChain withCalendar(ControlCalendar calendar) {
        return new StrategyChain(policy, strategies, placement, calendar);
    }

    /** control.mode, control.schedule and control.freezeWindows as this chain applies them. */
    public ControlCalendar calendar() {
        return calendar;
    }

    /** The placement check every destination passes (balancing and evacuation alike). */
    public Placement placement() {
        return placement;
    }

    public SafetyPolicy policy() {
        return policy;
    }

    public List<BalancingStrategy> strategies() {
        return strategies;
    }

    /** "rule-deviation", or the names joined with "," when several are enabled. */
    public String name() {
        return strategies.stream().map(BalancingStrategy::name).collect(Collectors.joining(","));
    }

    /** How many samples per host the snapshot must hold: the most any enabled strategy needs. */
    public int samplesNeeded() {
        return strategies.stream().mapToInt(BalancingStrategy::samplesNeeded).max().orElse(1);
    }

    /**
     * The gate's verdicts (VMs that can never move are stored once, not every run), then every strategy's plan
     * in order. The placement of this run also keeps out the VM/host pairs XAPI refused lately.
     */
    public MigrationPlan plan(PoolSnapshot snapshot, Eligibility gate) {
        return plan(snapshot, gate, calendar.modeAt(snapshot.now()));
    }

    /** As {@link #plan(PoolSnapshot, Eligibility)} in the given mode. */
    public MigrationPlan plan(PoolSnapshot snapshot, Eligibility gate, ControlMode mode) {
        if (gate.blocked()) {
            return MigrationPlan.blocked(name(), gate.blockers());
        }
        PredictedPool pool = PredictedPool.of(snapshot);
        Placement thisRun = placementFor(snapshot, gate);
        List<PlannedMove> moves = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>(pinnedOnce(snapshot, gate));
        List<PlannedPowerAction> powerActions = new ArrayList<>();
        for (BalancingStrategy strategy : strategies) {
            int budget = Math.max(0, policy.maxMigrationsPerRun() - moves.size());
            StrategyPlan planned = strategy.plan(new PlanningInput(snapshot, gate, thisRun, pool, moves, budget, policy, mode));
            if (planned.moves().size() > budget) {
                throw new IllegalStateException(strategy.name() + " planned " + planned.moves().size()
                        + " moves with a budget of " + budget);
            }
            for (PlannedMove move : planned.moves()) {
                pool = apply(pool, snapshot, move);
            }
            moves.addAll(planned.moves());
            decisions.addAll(planned.decisions());
            powerActions.addAll(planned.powerActions());
        }
        return new MigrationPlan(name(), moves, decisions, false, powerActions);
    }

    /**
     * The placement of one run: the standard rules, then the VM/host pairs XAPI refused lately and the hosts in
     * maintenance. Evacuation asks the same.
     */
    public Placement placementFor(PoolSnapshot snapshot, Eligibility gate) {
        return placement.with(new RefusedByXapiRule(gate)).with(new InMaintenanceRule(snapshot));
    }

    /** An EXCLUDE decision per VM the gate pins, unless the last stored one said the same. */
    private static List<Decision> pinnedOnce(PoolSnapshot snapshot, Eligibility gate) {
        List<Decision> result = new ArrayList<>();
        for (VmState vm : snapshot.vms()) {
            String why = gate.pinned().get(vm.uuid());
            if (why != null) {
                Decision decision = Decision.aboutVm(DecisionAction.EXCLUDE, null, vm.hostUuid(), vm.uuid(),
                        vm.name() + " is never planned: it " + why);
                if (!snapshot.reported().alreadySaid(decision)) {
                    result.add(decision);
                }
            }
        }
        return result;
    }

    private static PredictedPool apply(PredictedPool pool, PoolSnapshot snapshot, PlannedMove move) {
        VmState vm = snapshot.vms().stream().filter(v -> v.uuid().equals(move.vmUuid())).findFirst().orElseThrow();
        return pool.withMove(vm, pool.indexOf(move.sourceUuid()), pool.indexOf(move.destinationUuid()));
    }
}
