package org.xcpbalancer.control.power;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.xcpbalancer.control.execute.HostGateway;
import org.xcpbalancer.control.execute.LaunchFence;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.PlannedPowerAction;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.HostPowerActionRepository;

/**
 * The host-power part of a control run: before planning, follow the hosts earlier runs powered on; after the
 * migrations, carry out the plan's power actions. XAPI is asked only when there is something to do, so runs
 * without density mode open no host calls. Each host call passes the launch fence (under xcp-service, the lease).
 */
public final class PowerStep {
    private final PowerFollower follower;
    private final PowerExecutor executor;
    private final Supplier<HostGateway> hosts;

    public PowerStep(Database database, Clock clock, Supplier<HostGateway> hosts, LaunchFence fence) {
        HostPowerActionRepository log = new HostPowerActionRepository(database);
        HostMaintenanceRepository maintenance = new HostMaintenanceRepository(database);
        this.follower = new PowerFollower(log, maintenance, fence, clock);
        this.executor = new PowerExecutor(log, maintenance, fence, clock);
        this.hosts = hosts;
    }

    /** The outcome of each host an earlier run powered on that is now up, or given up. */
    public List<Decision> follow(int poolId) {
        return follower.anyWaking(poolId) ? follower.follow(poolId, hosts.get()) : List.of();
    }

    /** Each power action's outcome, after the run's migrations (whose report a power-off needs). */
    public PowerExecutor.Result execute(int poolId, long runId, List<PlannedPowerAction> actions,
            MigrationExecutor.Report migrations) {
        return actions.isEmpty() ? PowerExecutor.Result.NONE : executor.run(poolId, runId, actions, migrations, hosts.get());
    }
}
