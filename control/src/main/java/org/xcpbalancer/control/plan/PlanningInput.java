package org.xcpbalancer.control.plan;

import java.util.List;
import java.util.Objects;
import org.xcpbalancer.control.mode.ControlMode;
import org.xcpbalancer.control.placement.Placement;

/**
 * What the framework hands a strategy. The strategy cannot skip the gate or the placement check: the VMs and
 * hosts it may use come from {@link #gate}, every destination it picks must pass {@link #placement} against the
 * pool as predicted after its own earlier moves ({@link PredictedPool#withMove}).
 *
 * @param snapshot      the frozen pool state, rules, samples and migration-log facts
 * @param gate          which VMs may move and which hosts may give or take a VM, with reasons
 * @param placement     may VM v run on host h in a predicted pool, and if not, why
 * @param pool          the pool as predicted after the moves of the strategies before this one
 * @param plannedBefore the moves the strategies before this one planned (already in {@link #pool})
 * @param moveBudget    how many moves this strategy may still plan (control.maxMigrationsPerRun less those)
 * @param policy        the safety settings (for texts and limits such as maxDataAge)
 * @param mode          the mode in force for this run (control.mode, or control.schedule at the snapshot's instant):
 *                      a strategy that only consolidates (density) plans nothing in PERFORMANCE
 */
public record PlanningInput(PoolSnapshot snapshot, Eligibility gate, Placement placement, PredictedPool pool,
        List<PlannedMove> plannedBefore, int moveBudget, SafetyPolicy policy, ControlMode mode) {

    public PlanningInput {
        plannedBefore = List.copyOf(plannedBefore);
        Objects.requireNonNull(mode, "mode");
        if (moveBudget < 0) {
            throw new IllegalArgumentException("moveBudget must not be negative: " + moveBudget);
        }
    }

    /** An input in PERFORMANCE mode (tests and benchmarks that plan without a schedule). */
    public PlanningInput(PoolSnapshot snapshot, Eligibility gate, Placement placement, PredictedPool pool,
            List<PlannedMove> plannedBefore, int moveBudget, SafetyPolicy policy) {
        this(snapshot, gate, placement, pool, plannedBefore, moveBudget, policy, ControlMode.PERFORMANCE);
    }
}
