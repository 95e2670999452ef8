package org.xcpbalancer.control.power;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcpbalancer.control.execute.HostActionRefusedException;
import org.xcpbalancer.control.execute.HostGateway;
import org.xcpbalancer.control.execute.LaunchFence;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.HostPowerActionRepository;
import org.xcpbalancer.core.state.HostPowerRecord;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.PowerActionState;

/**
 * Follows the hosts an earlier run powered on, at the start of each run (as migrations left in flight are): a
 * host XAPI shows live and enabled is done (one live but still disabled, as xcp-balancer left it before the
 * shutdown, is enabled); one that is not by its deadline (density.bootTimeout after the
 * power-on) has failed, and another host may then be woken. A run never waits for a boot. A host up again ends
 * density's maintenance record of it; host.enable passes the launch fence (the lease, under xcp-service) first.
 */
public final class PowerFollower {
    private final HostPowerActionRepository log;
    private final HostMaintenanceRepository maintenance;
    private final LaunchFence fence;
    private final Clock clock;

    public PowerFollower(HostPowerActionRepository log, HostMaintenanceRepository maintenance, LaunchFence fence,
            Clock clock) {
        this.log = log;
        this.maintenance = maintenance;
        this.fence = fence;
        this.clock = clock;
    }

    /**
     * Whether a host of the pool is being powered on, or is off by density and still recorded in maintenance (no
     * XAPI call needed otherwise).
     */
    public boolean anyWaking(int poolId) {
        return log.latestPerHost(poolId).stream().anyMatch(r -> r.is(PowerActionKind.POWER_ON, PowerActionState.STARTED)
                || r.is(PowerActionKind.POWER_OFF, PowerActionState.DONE) && inDensityMaintenance(poolId, r.hostUuid()));
    }

    public List<Decision> follow(int poolId, HostGateway hosts) {
        List<Decision> decisions = new ArrayList<>();
        for (HostPowerRecord record : log.latestPerHost(poolId)) {
            if (record.is(PowerActionKind.POWER_OFF, PowerActionState.DONE)) {
                endedOutside(poolId, record, hosts).ifPresent(decisions::add);
                continue;
            }
            if (!record.is(PowerActionKind.POWER_ON, PowerActionState.STARTED)) {
                continue;
            }
            Instant now = clock.instant();
            String after = DurationFormat.format(Duration.ofSeconds(Duration.between(record.startedAt(), now).toSeconds()));
            String name = record.hostName() == null ? record.hostUuid() : record.hostName();
            HostGateway.HostStatus status;
            try {
                status = hosts.status(record.hostUuid());
            } catch (HostActionRefusedException e) {
                log.finish(record.id(), PowerActionState.FAILED, e.getMessage(), now);
                decisions.add(decision(record, name + " was not powered on: " + e.getMessage()));
                continue;
            }
            Optional<String> fenced = status.live() && !status.enabled() ? fence.actionRefusal(poolId) : Optional.empty();
            if (fenced.isPresent()) {
                decisions.add(decision(record, name + " is live but host.enable was not sent: " + fenced.get()));
                continue;
            }
            if (status.live() && !status.enabled()) {
                // xcp-balancer disabled it before the shutdown; a pool that keeps it disabled after boot gets it back
                try {
                    hosts.enable(record.hostUuid());
                    status = new HostGateway.HostStatus(true, true, status.powerOnMode());
                } catch (HostActionRefusedException e) {
                    decisions.add(decision(record, name + " is live but host.enable was refused: " + e.getMessage()));
                }
            }
            if (status.live() && status.enabled()) {
                log.finish(record.id(), PowerActionState.DONE, null, now);
                endMaintenance(poolId, record.hostUuid(), now);
                decisions.add(decision(record, name + " is powered on: live and enabled " + after
                        + " after host.power_on; balancing fills it"));
            } else if (record.deadlineAt() != null && !record.deadlineAt().isAfter(now)) {
                String why = "not live and enabled " + after + " after host.power_on (density.bootTimeout)";
                log.finish(record.id(), PowerActionState.FAILED, why, now);
                decisions.add(decision(record, name + " was not powered on: " + why));
            }
        }
        return decisions;
    }

    /**
     * A host density powered off that someone powered on and enabled outside xcp-balancer: its record ends, or it
     * would never be a destination again.
     */
    private Optional<Decision> endedOutside(int poolId, HostPowerRecord record, HostGateway hosts) {
        if (!inDensityMaintenance(poolId, record.hostUuid())) {
            return Optional.empty();
        }
        try {
            HostGateway.HostStatus status = hosts.status(record.hostUuid());
            if (!status.live() || !status.enabled()) {
                return Optional.empty();
            }
        } catch (HostActionRefusedException e) {
            return Optional.empty();
        }
        String name = record.hostName() == null ? record.hostUuid() : record.hostName();
        maintenance.step(poolId, record.hostUuid(), HostMaintenance.State.ENDED,
                "powered on and enabled outside xcp-balancer", List.of(), clock.instant());
        return Optional.of(decision(record, name + " is live and enabled again outside xcp-balancer: density's "
                + "maintenance of it ends; balancing fills it"));
    }

    private boolean inDensityMaintenance(int poolId, String hostUuid) {
        return maintenance.find(poolId, hostUuid).filter(m -> m.disabledBy() == HostMaintenance.DisabledBy.DENSITY
                && m.active()).isPresent();
    }

    /** Ends density's record of the host (never an evacuation an administrator asked for meanwhile). */
    private void endMaintenance(int poolId, String hostUuid, Instant now) {
        if (inDensityMaintenance(poolId, hostUuid)) {
            maintenance.step(poolId, hostUuid, HostMaintenance.State.ENDED, "powered on by density", List.of(), now);
        }
    }

    private static Decision decision(HostPowerRecord record, String reason) {
        return Decision.aboutHost(DecisionAction.POWER_ON, null, record.hostUuid(), reason);
    }
}
