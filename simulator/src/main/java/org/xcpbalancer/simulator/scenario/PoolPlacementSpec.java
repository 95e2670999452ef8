package org.xcpbalancer.simulator.scenario;

import java.util.List;

/**
 * The pool-wide placement facts of a scenario: its VM groups, its HA settings and whether a rolling pool upgrade
 * is in progress (pool.other_config rolling_upgrade_in_progress).
 *
 * @param haEnabled                pool.ha_enabled
 * @param haHostFailuresToTolerate pool.ha_host_failures_to_tolerate
 * @param haAllowOvercommit        pool.ha_allow_overcommit
 */
public record PoolPlacementSpec(List<GroupSpec> groups, boolean haEnabled, long haHostFailuresToTolerate,
        boolean haAllowOvercommit, boolean rollingUpgrade) {
    public static final PoolPlacementSpec NONE = new PoolPlacementSpec(List.of(), false, 0, false, false);

    public PoolPlacementSpec {
        groups = List.copyOf(groups);
    }
}
