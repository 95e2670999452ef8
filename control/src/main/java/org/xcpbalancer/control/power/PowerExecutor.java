package org.xcpbalancer.control.power;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.xcpbalancer.control.execute.HostActionRefusedException;
import org.xcpbalancer.control.execute.HostGateway;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.PlannedPowerAction;
import org.xcpbalancer.core.state.HostPowerActionRepository;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.PowerActionState;

/**
 * Carries out a run's power actions after its migrations, each stored (HostPowerAction) before XAPI is asked and
 * finished with its outcome, each outcome a decision. A power-off goes ahead only when every migration of the run
 * succeeded and XAPI shows no guest on the host, checked before host.disable and again before host.shutdown (a
 * guest started in between re-enables the host); a host this run disabled is enabled again when the shutdown is
 * refused. A power-on sends host.power_on and returns: {@link PowerFollower} follows the host in later runs.
 * The run holds the pool's database lock, so no other controller acts on the host meanwhile.
 */
public final class PowerExecutor {
    private final HostPowerActionRepository log;
    private final Clock clock;

    public PowerExecutor(HostPowerActionRepository log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public List<Decision> run(int poolId, long runId, List<PlannedPowerAction> actions,
            MigrationExecutor.Report migrations, HostGateway hosts) {
        List<Decision> outcomes = new ArrayList<>();
        for (PlannedPowerAction action : actions) {
            long id = log.start(poolId, runId, action.hostUuid(), action.hostName(), action.kind(), action.reason(),
                    clock.instant(), action.deadline());
            String outcome;
            try {
                outcome = action.kind() == PowerActionKind.POWER_OFF ? powerOff(action, migrations, hosts)
                        : powerOn(action, hosts);
                if (action.kind() == PowerActionKind.POWER_OFF) {
                    log.finish(id, PowerActionState.DONE, null, clock.instant());
                }
            } catch (NotTaken e) {
                log.finish(id, PowerActionState.FAILED, e.getMessage(), clock.instant());
                outcome = action.hostName() + " is not " + (action.kind() == PowerActionKind.POWER_OFF ? "powered off"
                        : "powered on") + ": " + e.getMessage();
            }
            outcomes.add(Decision.aboutHost(action.kind() == PowerActionKind.POWER_OFF ? DecisionAction.POWER_OFF
                    : DecisionAction.POWER_ON, null, action.hostUuid(), outcome));
        }
        return outcomes;
    }

    private static String powerOff(PlannedPowerAction action, MigrationExecutor.Report migrations, HostGateway hosts)
            throws NotTaken {
        long unfinished = migrations.outcomes().stream().filter(o -> o.state() != MigrationState.SUCCEEDED).count();
        if (unfinished > 0) {
            throw new NotTaken(unfinished + " migration(s) of this run did not succeed; it stays on");
        }
        String host = action.hostUuid();
        requireEmpty(hosts, action, "before host.disable");
        call(() -> hosts.disable(host));
        try {
            requireEmpty(hosts, action, "after host.disable");
            call(() -> hosts.shutdown(host));
        } catch (NotTaken refused) {
            try {
                hosts.enable(host);
            } catch (HostActionRefusedException | RuntimeException e) {
                throw new NotTaken(refused.getMessage() + "; enabling it again failed too (" + e.getMessage()
                        + "): it stays disabled");
            }
            throw new NotTaken(refused.getMessage() + "; enabled again");
        }
        return action.hostName() + " is powered off (host.disable, host.shutdown): XAPI showed no guest on it";
    }

    private static String powerOn(PlannedPowerAction action, HostGateway hosts) throws NotTaken {
        call(() -> hosts.powerOn(action.hostUuid()));
        return action.hostName() + ": host.power_on sent; it is followed until it is live and enabled";
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

    /** The action was not taken, with why (XAPI's refusal, a guest found, a failed migration). */
    private static final class NotTaken extends Exception {
        private static final long serialVersionUID = 1L;

        NotTaken(String message) {
            super(message);
        }
    }
}
