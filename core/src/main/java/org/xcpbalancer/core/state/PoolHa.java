package org.xcpbalancer.core.state;

/**
 * The pool's HA settings as XAPI reports them: pool.ha_enabled, ha_host_failures_to_tolerate, ha_plan_exists_for
 * (the number of host failures the current plan survives) and ha_allow_overcommit.
 */
public record PoolHa(boolean enabled, long hostFailuresToTolerate, long planExistsFor, boolean allowOvercommit) {
    /** HA switched off: no failover plan to keep. */
    public static final PoolHa DISABLED = new PoolHa(false, 0, 0, false);
}
