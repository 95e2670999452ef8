package org.xcpbalancer.control.plan;

/**
 * A way of deciding which VMs to move where. Implementations are pure: the same snapshot gives the same plan,
 * and nothing outside the snapshot is read or changed. They obey the {@link SafetyPolicy} through
 * {@link Eligibility}, which every strategy starts from.
 */
public interface BalancingStrategy {
    /** The name used in settings and printed in plans, e.g. "rule-deviation". */
    String name();

    MigrationPlan plan(PoolSnapshot snapshot);
}
