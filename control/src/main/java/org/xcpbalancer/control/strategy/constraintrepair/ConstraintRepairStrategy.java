package org.xcpbalancer.control.strategy.constraintrepair;

import java.util.List;
import org.xcpbalancer.control.plan.BalancingStrategy;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.StrategyPlan;
import org.xcpbalancer.core.constraints.Constraint;
import org.xcpbalancer.core.settings.Settings;

/**
 * Moves VMs that break a placement constraint, before balancing (control.strategies default
 * "constraint-repair,rule-deviation"): first VMs outside their run-on labels, then anti-affinity members that
 * share a host, then affinity groups that are split, and last VMs away from their preferred hosts when a
 * preferred host takes them without breaking a balancing rule. Every move passes the same
 * {@link org.xcpbalancer.control.placement.Placement} as balancing, so a repair never breaks another must-rule.
 * A constraint that cannot be met is reported once with why ({@link RepairRun}); the others are still met as
 * far as possible.
 */
public final class ConstraintRepairStrategy implements BalancingStrategy {
    public static final String NAME = "constraint-repair";
    /** Must-rules first, the most binding first; preferences last. */
    static final List<Constraint.Kind> ORDER = List.of(Constraint.Kind.RUN_ON, Constraint.Kind.ANTI_AFFINITY,
            Constraint.Kind.AFFINITY, Constraint.Kind.PREFER);

    private final ConstraintRepairArgs args;

    public ConstraintRepairStrategy(ConstraintRepairArgs args) {
        this.args = args;
    }

    public static ConstraintRepairStrategy from(Settings settings) {
        return new ConstraintRepairStrategy(ConstraintRepairArgs.from(settings));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The hold counts the VM samples of as many collections (the snapshot loads as many per VM as per host). */
    @Override
    public int samplesNeeded() {
        return args.holdSamples();
    }

    @Override
    public StrategyPlan plan(PlanningInput input) {
        RepairRun run = new RepairRun(input, args.holdSamples());
        for (Constraint.Kind kind : ORDER) {
            for (Constraint constraint : input.pool().constraints().constraints()) {
                if (constraint.kind() == kind) {
                    run.repair(constraint);
                }
            }
        }
        return run.finish();
    }
}
