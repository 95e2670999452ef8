package org.xcpbalancer.control.power;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xcpbalancer.control.execute.HostActionRefusedException;
import org.xcpbalancer.control.execute.HostGateway;
import org.xcpbalancer.control.execute.LaunchFence;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.PlannedPowerAction;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.HostPowerActionRepository;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.PowerActionState;

/**
 * Carries out a run's power actions after its migrations, each stored (HostPowerAction) before XAPI is asked and
 * finished with its outcome, each outcome a decision. A power-off goes ahead only when every migration of the run
 * succeeded and XAPI shows no guest on the host, checked before host.disable and again before host.shutdown (a
 * guest started in between re-enables the host); a host this run disabled is enabled again when the shutdown is
 * refused. A power-on sends host.power_on and returns: {@link PowerFollower} follows the host in later runs.
 * The run holds the pool's database lock, and each XAPI call first passes the launch fence (under xcp-service, the
 * lease's epoch): an instance that lost its lease takes no power action. A host disabled here is recorded as in
 * maintenance by density (HostMaintenance), so listings say who disabled it and why.
 */
public final class PowerExecutor {
    private final HostPowerActionRepository log;
    private final HostMaintenanceRepository maintenance;
    private final LaunchFence fence;
    private final Clock clock;

    /**
     * What the run's power actions did: each outcome as a decision, the actions taken ("power on Host3"), how many
     * failed (XAPI refused, a guest found, a migration of the run failed) and how many the lease fence held back.
     */
    public record Result(List<Decision> decisions, List<String> taken, int failed, int fenced) {
        public static final Result NONE = new Result(List.of(), List.of(), 0, 0);

        public Result {
            decisions = List.copyOf(decisions);
            taken = List.copyOf(taken);
        }

        public boolean none() {
            return taken.isEmpty() && failed == 0 && fenced == 0;
        }
    }

    public PowerExecutor(HostPowerActionRepository log, HostMaintenanceRepository maintenance, LaunchFence fence,
            Clock clock) {
        this.log = log;
        this.maintenance = maintenance;
        this.fence = fence;
        this.clock = clock;
    }

    public Result run(int poolId, long runId, List<PlannedPowerAction> actions, MigrationExecutor.Report migrations,
            HostGateway hosts) {
        List<Decision> outcomes = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        int failed = 0;
        int fenced = 0;
        for (PlannedPowerAction action : actions) {
            long id = log.start(poolId, runId, action.hostUuid(), action.hostName(), action.kind(), action.reason(),
                    clock.instant(), action.deadline());
            String outcome;
            try {
                outcome = action.kind() == PowerActionKind.POWER_OFF ? powerOff(poolId, action, migrations, hosts)
                        : powerOn(poolId, action, hosts);
                if (action.kind() == PowerActionKind.POWER_OFF) {
                    log.finish(id, PowerActionState.DONE, null, clock.instant());
                }
                taken.add(action.summary());
            } catch (NotTaken e) {
                log.finish(id, PowerActionState.FAILED, e.getMessage(), clock.instant());
                if (e.fenced) {
                    fenced++;
                } else {
                    failed++;
                }
                outcome = action.hostName() + " is not " + (action.kind() == PowerActionKind.POWER_OFF ? "powered off"
                        : "powered on") + ": " + e.getMessage();
            }
            outcomes.add(Decision.aboutHost(action.kind() == PowerActionKind.POWER_OFF ? DecisionAction.POWER_OFF
                    : DecisionAction.POWER_ON, null, action.hostUuid(), outcome));
        }
        return new Result(outcomes, taken, failed, fenced);
    }

    private String powerOff(int poolId, PlannedPowerAction action, MigrationExecutor.Report migrations,
            HostGateway hosts) throws NotTaken {
        long unfinished = migrations.outcomes().stream().filter(o -> o.state() != MigrationState.SUCCEEDED).count();
        if (unfinished > 0) {
            throw new NotTaken(unfinished + " migration(s) of this run did not succeed; it stays on");
        }
        String host = action.hostUuid();
        requireLease(poolId, "host.disable");
        requireEmpty(hosts, action, "before host.disable");
        call(() -> hosts.disable(host));
        maintenance.request(poolId, host, action.hostName(), HostMaintenance.DisabledBy.DENSITY,
                Optional.of(action.reason()), "density", clock.instant());
        maintenance.disabled(poolId, host, clock.instant());
        try {
            requireEmpty(hosts, action, "after host.disable");
            requireLease(poolId, "host.shutdown");
            call(() -> hosts.shutdown(host));
        } catch (NotTaken refused) {
            if (refused.fenced) {
                // another instance owns the pool now: it sees the record and decides what becomes of the host
                throw refused;
            }
            try {
                hosts.enable(host);
            } catch (HostActionRefusedException | RuntimeException e) {
                maintenance.step(poolId, host, HostMaintenance.State.BLOCKED, "density could not power it off ("
                        + refused.getMessage() + ") nor enable it again", List.of(), clock.instant());
                throw new NotTaken(refused.getMessage() + "; enabling it again failed too (" + e.getMessage()
                        + "): it stays disabled");
            }
            maintenance.step(poolId, host, HostMaintenance.State.ENDED, "enabled again: density could not power it off ("
                    + refused.getMessage() + ")", List.of(), clock.instant());
            throw new NotTaken(refused.getMessage() + "; enabled again");
        }
        maintenance.step(poolId, host, HostMaintenance.State.EMPTY, "powered off by density (host.shutdown)", List.of(),
                clock.instant());
        return action.hostName() + " is powered off (host.disable, host.shutdown): XAPI showed no guest on it";
    }

    private String powerOn(int poolId, PlannedPowerAction action, HostGateway hosts) throws NotTaken {
        requireLease(poolId, "host.power_on");
        call(() -> hosts.powerOn(action.hostUuid()));
        return action.hostName() + ": host.power_on sent; it is followed until it is live and enabled";
    }

    private void requireLease(int poolId, String call) throws NotTaken {
        Optional<String> refused = fence.actionRefusal(poolId);
        if (refused.isPresent()) {
            throw new NotTaken(call + " not sent: " + refused.get(), true);
        }
    }

    private static void requireEmpty(HostGateway hosts, PlannedPowerAction action, String when) throws NotTaken {
        List<HostGateway.ResidentGuest> guests;
        try {
            guests = hosts.runningGuests(action.hostUuid());
        } catch (HostActionRefusedException e) {
            throw new NotTaken(e.getMessage());
        }
        if (!guests.isEmpty()) {
            throw new NotTaken("XAPI shows " + guests.stream().map(g -> g.vmName() + " (" + g.powerState() + ")")
                    .collect(Collectors.joining(", ")) + " on it " + when);
        }
    }

    private static void call(HostCall call) throws NotTaken {
        try {
            call.run();
        } catch (HostActionRefusedException e) {
            throw new NotTaken(e.getMessage());
        } catch (RuntimeException e) {
            throw new NotTaken(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @FunctionalInterface
    private interface HostCall {
        void run() throws HostActionRefusedException;
    }

    /** The action was not taken, with why (XAPI's refusal, a guest found, a failed migration, the lease lost). */
    private static final class NotTaken extends Exception {
        private static final long serialVersionUID = 1L;
        /** Refused by the lease fence: not a failure of the action, as a migration cancelled by the fence. */
        final boolean fenced;

        NotTaken(String message) {
            this(message, false);
        }

        NotTaken(String message, boolean fenced) {
            super(message);
            this.fenced = fenced;
        }
    }
}
