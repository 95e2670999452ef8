package org.xcpbalancer.manager.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xcpbalancer.core.state.PoolRef;

/**
 * What xcp-guard knows of one pool, as SHOW GUARD, SHOW STATUS and xcp-status report it, read from its tables
 * (GuardPool, GuardHost, GuardVm, GuardAction): when it last checked the pool, whether it stands down because
 * XAPI's own HA is on, the hosts it does not hold up, and every protected VM with its ladder step.
 *
 * @param onlyDryRuns whether every check so far was a dry run: a dry run writes no GuardVm row, so the guard
 *                    knows of no protected VM until its first real check
 */
public record GuardStatus(PoolRef pool, Instant now, Optional<Instant> lastCheckAt, boolean standsDownForHa,
        boolean onlyDryRuns, List<Host> hosts, List<Vm> vms) {

    /** Host states in which the host's VMs are down or about to be restarted elsewhere. */
    private static final Set<String> DOWN = Set.of("dead", "fenced", "fence_failed", "confirmed_down");

    /**
     * A host as the guard holds it: state (up, suspected, dead, fenced, fence_failed, confirmed_down), missed
     * checks, since when, and who fenced or confirmed it.
     */
    public record Host(String uuid, String name, String state, int missedChecks, Optional<Instant> since,
            Optional<String> fencedBy, Optional<String> confirmedBy) {
        public boolean down() {
            return DOWN.contains(state);
        }

        public boolean suspected() {
            return "suspected".equals(state);
        }
    }

    /**
     * A protected VM: its state (healthy, or the problem the guard saw: crashed, paused, hung, host_dead), its power
     * state at the guard's last check, its ladder step (none, reboot, restart, give_up), its last action, when,
     * and the reason recorded with the newest action.
     */
    public record Vm(String uuid, String name, String state, Optional<String> powerState, String ladderStep,
            Optional<String> lastAction,
            Optional<Instant> lastActionAt, Optional<String> lastReason) {
        public static final String HEALTHY = "healthy";

        public boolean givenUp() {
            return "give_up".equals(ladderStep);
        }

        public boolean down() {
            return !HEALTHY.equals(state);
        }
    }

    public GuardStatus {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
    }

    /** Whether xcp-guard has ever checked this pool (a pool without it is judged without its part). */
    public boolean guarded() {
        return lastCheckAt.isPresent();
    }

    public Optional<Duration> checkAge() {
        return lastCheckAt.map(at -> Duration.between(at, now));
    }

    public List<Host> hostsDown() {
        return hosts.stream().filter(Host::down).toList();
    }

    public List<Host> hostsSuspected() {
        return hosts.stream().filter(Host::suspected).toList();
    }

    public List<Vm> vmsGivenUp() {
        return vms.stream().filter(Vm::givenUp).toList();
    }

    public List<Vm> vmsDown() {
        return vms.stream().filter(Vm::down).toList();
    }
}
