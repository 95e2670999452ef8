package org.xcpbalancer.control.strategy.density;

import org.xcpbalancer.control.mode.ControlMode;
import org.xcpbalancer.control.plan.BalancingStrategy;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.StrategyPlan;
import org.xcpbalancer.core.settings.Settings;

/**
 * Density (green) mode: when the load is low, empty the hosts that draw the most at idle and power them off
 * (host.disable, host.shutdown after their VMs' moves succeeded); when the load rises, power on the sleeping host
 * that restores the headroom with the least idle power, and let balancing fill it. Consolidates only while the
 * mode in force is density (control.mode / control.schedule); in performance mode it only powers on again the
 * hosts it powered off. Listed after rule-deviation in control.strategies, it sees the pool as predicted after
 * the balancing moves. Pure: the power actions are carried out by the executor after the run's migrations.
 */
public final class DensityStrategy implements BalancingStrategy {
    public static final String NAME = "density";

    private final DensityArgs args;

    public DensityStrategy(DensityArgs args) {
        this.args = args;
    }

    public static DensityStrategy from(Settings settings) {
        return new DensityStrategy(DensityArgs.from(settings));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int samplesNeeded() {
        return 1;
    }

    /** In performance mode only the hosts it powered off are woken; nothing is emptied. */
    @Override
    public StrategyPlan plan(PlanningInput input) {
        return new DensityRun(input, args, input.mode() == ControlMode.DENSITY).plan();
    }
}
