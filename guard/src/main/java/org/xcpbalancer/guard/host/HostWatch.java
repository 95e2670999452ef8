package org.xcpbalancer.guard.host;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.guard.GuardCheck;
import org.xcpbalancer.guard.GuardStage;
import org.xcpbalancer.guard.state.ActionDraft;
import org.xcpbalancer.guard.state.ActionOutcome;
import org.xcpbalancer.guard.state.GuardActionKind;
import org.xcpbalancer.guard.state.GuardHostRow;
import org.xcpbalancer.guard.state.HostGuardState;
import org.xcpbalancer.guard.view.HostView;
import org.xcpbalancer.guard.view.VmView;

/**
 * The host path's detection: a host other than the master is dead when, in guard.deadChecks checks in a row, its
 * address refuses a TCP connection AND XAPI (which answered: this check has a view) records it not live or its
 * host_metrics stale. Not live but answering on its address: partitioned from the master, alert only. Once dead,
 * {@link HostFencing} proves it off and {@link HostRecovery} restarts its protected VMs. Every change of a host's
 * state is one GuardAction row (not one per check), so the log says what changed and why.
 *
 * <p>A dry run keeps its host rows in memory (between the checks of one process) and stores only its actions.
 */
public final class HostWatch implements GuardStage {
    private final TcpProbe probe;
    private final HostFencing fencing;
    private final HostRecovery recovery;
    private final Map<String, GuardHostRow> dryRunRows = new HashMap<>();

    public HostWatch(TcpProbe probe, HostFencing fencing, HostRecovery recovery) {
        this.probe = probe;
        this.fencing = fencing;
        this.recovery = recovery;
    }

    @Override
    public String name() {
        return "hosts";
    }

    @Override
    public void run(GuardCheck check) {
        List<VmView> reset = new ArrayList<>();
        List<String> fenced = new ArrayList<>();
        for (HostView host : check.view().hosts()) {
            if (host.master()) {
                check.hostVerdict(host.uuid(), HostGuardState.UP);
                continue;
            }
            GuardHostRow before = load(check, host);
            GuardHostRow after = judge(check, host, before);
            if (after.state() == HostGuardState.DEAD || after.state() == HostGuardState.FENCE_FAILED
                    || after.state() == HostGuardState.CONFIRMED_DOWN) {
                after = fencing.prove(check, host, after);
            }
            save(check, after);
            check.hostVerdict(host.uuid(), after.state());
            if (after.state().provenOff()) {
                fenced.add(host.name());
                reset.addAll(recovery.reset(check, host, after));
            }
        }
        recovery.startAll(check, reset, fenced);
    }

    private GuardHostRow judge(GuardCheck check, HostView host, GuardHostRow row) {
        Instant now = check.now();
        int port = check.xapi().managementPort();
        Optional<String> unreachable = probe.problem(host.address(), port);
        Optional<String> xapiDown = xapiSaysDown(check, host);
        String where = host.address() + ":" + port;
        if (xapiDown.isEmpty() && unreachable.isEmpty()) {
            if (row.state() != HostGuardState.UP) {
                note(check, host, GuardActionKind.HOST_RECOVERED, ActionOutcome.DONE, host.name()
                        + " answers again and XAPI records it live (was " + row.state().dbValue() + ")"
                        + (row.confirmedByOperator() ? "; CONFIRM HOST DOWN by " + row.confirmedBy() + " cleared" : ""));
            }
            if (row.confirmedByOperator() && !check.dryRun()) {
                // a confirmation of a host that is up must not fence a later failure
                check.repository().clearConfirmation(row.poolUuid(), row.hostUuid());
            }
            return row.recovered(now);
        }
        if (row.state() == HostGuardState.FENCED) {
            return row.withState(HostGuardState.FENCED, row.reason(), now);
        }
        if (xapiDown.isEmpty()) {
            String reason = where + " does not answer (" + unreachable.get() + ") but XAPI records " + host.name()
                    + " live: not counted as dead (the guard may be cut off from it)";
            return changed(check, host, row, HostGuardState.SUSPECTED, GuardActionKind.HOST_SUSPECTED,
                    ActionOutcome.ALERT, reason, now, true);
        }
        if (unreachable.isEmpty()) {
            String reason = xapiDown.get() + ", but " + host.name() + " answers on " + where
                    + ": cut off from the master, not dead; nothing restarted (alert only)";
            return changed(check, host, row, HostGuardState.PARTITIONED, GuardActionKind.HOST_PARTITIONED,
                    ActionOutcome.ALERT, reason, now, true);
        }
        String reason = where + " " + unreachable.get() + "; " + xapiDown.get();
        GuardHostRow missed = row.missed(reason, now);
        int needed = check.settings().deadChecks();
        if (missed.missedChecks() < needed && !row.confirmedByOperator()) {
            return changed(check, host, missed, HostGuardState.SUSPECTED, GuardActionKind.HOST_SUSPECTED,
                    ActionOutcome.WAITING, reason + " (check " + missed.missedChecks() + " of " + needed + ")", now,
                    false);
        }
        if (row.state() == HostGuardState.DEAD || row.state() == HostGuardState.FENCE_FAILED) {
            return missed.withState(row.state(), row.reason(), now);
        }
        GuardHostRow dead = missed.declaredDead(reason + " in " + missed.missedChecks() + " checks in a row", now);
        note(check, host, GuardActionKind.HOST_DEAD, ActionOutcome.DONE, host.name() + " is dead: " + dead.reason());
        return dead;
    }

    /** Why XAPI says the host is down (host_metrics.live false, or its last_updated stale), or empty. */
    private static Optional<String> xapiSaysDown(GuardCheck check, HostView host) {
        if (Boolean.FALSE.equals(host.live())) {
            return Optional.of("host_metrics.live is false");
        }
        Duration staleAfter = check.settings().hostMetricsStaleAfter();
        if (host.metricsUpdatedAt() != null && check.view().serverTime() != null
                && Duration.between(host.metricsUpdatedAt(), check.view().serverTime()).compareTo(staleAfter) > 0) {
            return Optional.of("host_metrics.last_updated is " + Duration.between(host.metricsUpdatedAt(),
                    check.view().serverTime()).toSeconds() + " s old");
        }
        return Optional.empty();
    }

    /** The row in its new state; an action is written when the state changes (every check when always). */
    private static GuardHostRow changed(GuardCheck check, HostView host, GuardHostRow row, HostGuardState state,
            GuardActionKind kind, ActionOutcome outcome, String reason, Instant now, boolean resetCount) {
        GuardHostRow next = resetCount
                ? new GuardHostRow(row.poolUuid(), row.hostUuid(), row.hostName(), state, 0, null, now, null, null,
                        null, row.confirmedBy(), row.confirmedAt(), reason, row.recoveredAt())
                : row.withState(state, reason, now);
        if (row.state() != state || (!resetCount && row.missedChecks() != next.missedChecks())) {
            note(check, host, kind, outcome, reason);
        }
        return next;
    }

    static void note(GuardCheck check, HostView host, GuardActionKind kind, ActionOutcome outcome, String reason) {
        check.journal().record(check.poolUuid(), ActionDraft.of(kind, reason).host(host.uuid(), host.name()),
                check.dryRun() && outcome == ActionOutcome.DONE ? ActionOutcome.DRY_RUN : outcome, check.dryRun(),
                check.now());
        check.say(reason);
    }

    private GuardHostRow load(GuardCheck check, HostView host) {
        Optional<GuardHostRow> stored = check.repository().host(check.poolUuid(), host.uuid());
        GuardHostRow row = check.dryRun() && dryRunRows.containsKey(host.uuid()) ? dryRunRows.get(host.uuid())
                : stored.orElse(GuardHostRow.up(check.poolUuid(), host.uuid(), host.name(), check.now()));
        if (check.dryRun() && stored.isPresent()) {
            // an operator's confirmation is read from the database even in a dry run
            GuardHostRow s = stored.get();
            row = new GuardHostRow(row.poolUuid(), row.hostUuid(), host.name(), row.state(), row.missedChecks(),
                    row.firstMissedAt(), row.lastCheckedAt(), row.declaredDeadAt(), row.fencedAt(), row.fencedBy(),
                    s.confirmedBy(), s.confirmedAt(), row.reason(), row.recoveredAt());
        }
        return row;
    }

    private void save(GuardCheck check, GuardHostRow row) {
        if (check.dryRun()) {
            dryRunRows.put(row.hostUuid(), row);
        } else {
            check.repository().saveHost(row);
        }
    }
}
