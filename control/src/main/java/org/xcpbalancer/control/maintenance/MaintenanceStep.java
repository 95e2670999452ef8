package org.xcpbalancer.control.maintenance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.xcpbalancer.control.execute.HostActionRefusedException;
import org.xcpbalancer.control.execute.HostGateway;
import org.xcpbalancer.control.execute.HostGateway.ResidentGuest;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.Eligibility;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostMaintenance.DisabledBy;
import org.xcpbalancer.core.state.HostMaintenance.LeftVm;
import org.xcpbalancer.core.state.HostMaintenance.State;
import org.xcpbalancer.core.state.HostMaintenanceRepository;

/**
 * The maintenance part of a control run of the pool's owner, before balancing: carries out what EVACUATE HOST and
 * ENABLE HOST recorded. An enable request enables the host. An evacuation disables the host (host.disable), plans
 * a destination for each guest XAPI reports running there ({@link EvacuationPlanner}), has the executor migrate them
 * (concurrency limit, progress, migration log, launch fence), then asks XAPI what still runs there: empty, or
 * blocked with the VMs left and why (tried again at each run). The host stays disabled either way. Every step is a
 * stored decision and a line of the host's HostMaintenance record. In a freeze window only enabling is done.
 * Hosts density disabled are density's own.
 */
public final class MaintenanceStep {
    private final HostMaintenanceRepository records;
    private final StrategyChain chain;
    private final Clock clock;

    /** Migrates the moves and follows them to the end (the run's MigrationExecutor). */
    @FunctionalInterface
    public interface Executor {
        MigrationExecutor.Report run(List<PlannedMove> moves) throws InterruptedException;
    }

    /** What the step did: its decisions (already handed to the run) and the executor's outcomes. */
    public record Result(List<Decision> decisions, List<MigrationExecutor.Outcome> outcomes) {
        public boolean launched() {
            return !outcomes.isEmpty();
        }
    }

    public MaintenanceStep(Database database, StrategyChain chain, Clock clock) {
        this.records = new HostMaintenanceRepository(database);
        this.chain = chain;
        this.clock = clock;
    }

    /**
     * @param hosts   the pool's host calls (opened on first use)
     * @param decided prints and stores decisions as they are taken, before the moves they announce are launched
     */
    public Result run(PoolSnapshot snapshot, boolean frozen, Supplier<HostGateway> hosts, Executor executor,
            Consumer<List<Decision>> decided) throws InterruptedException {
        List<Decision> all = new ArrayList<>();
        List<MigrationExecutor.Outcome> outcomes = new ArrayList<>();
        Eligibility gate = Eligibility.of(snapshot, chain.policy());
        for (HostMaintenance m : snapshot.maintenance().values()) {
            List<Decision> decisions = new ArrayList<>();
            if (m.state() == State.ENABLE_REQUESTED) {
                enable(m, hosts.get()).ifPresent(decisions::add);
            } else if (!frozen && m.disabledBy() != DisabledBy.DENSITY) {
                Optional<EvacuationPlan> plan = m.state() == State.EMPTY ? Optional.empty()
                        : prepare(m, snapshot, gate, hosts.get(), decisions);
                if (m.state() == State.EMPTY) {
                    endedOutside(m, hosts.get()).ifPresent(decisions::add);
                }
                decided.accept(decisions);
                all.addAll(decisions);
                decisions = new ArrayList<>();
                if (plan.isPresent()) {
                    MigrationExecutor.Report report = plan.get().moves().isEmpty()
                            ? new MigrationExecutor.Report(List.of()) : executor.run(plan.get().moves());
                    outcomes.addAll(report.outcomes());
                    finish(m, plan.get(), hosts.get(), report).ifPresent(decisions::add);
                }
            }
            decided.accept(decisions);
            all.addAll(decisions);
        }
        return new Result(all, outcomes);
    }

    /**
     * What a run would do for the hosts in maintenance, without asking XAPI (the collected state says which VMs run
     * where): for --dry-run and xcp-control --evacuate --dry-run.
     */
    public List<String> preview(PoolSnapshot snapshot) {
        List<String> lines = new ArrayList<>();
        Eligibility gate = Eligibility.of(snapshot, chain.policy());
        for (HostMaintenance m : snapshot.maintenance().values()) {
            if (m.state() == State.ENABLE_REQUESTED) {
                lines.add("Would enable " + m.hostName() + " (ENABLE HOST by " + m.enableRequestedBy().orElse("?") + ")");
                continue;
            }
            if (m.disabledBy() == DisabledBy.DENSITY || m.state() == State.EMPTY) {
                continue;
            }
            var host = snapshot.hosts().stream().filter(h -> h.uuid().equals(m.hostUuid())).findFirst();
            if (host.isEmpty()) {
                lines.add("Would not evacuate " + m.hostName() + ": it is not in the collected state");
                continue;
            }
            EvacuationPlan plan = new EvacuationPlanner(chain.policy()).plan(snapshot, gate,
                    chain.placementFor(snapshot, gate), host.get(), null);
            lines.add("Would disable " + m.hostName() + " and move " + plan.moves().size() + " VM(s)"
                    + (plan.emptiesHost() ? ", leaving it empty:" : "; " + plan.left().size() + " cannot move:"));
            plan.moves().forEach(move -> lines.add("  MOVE " + move.summary() + " (" + move.vmMemoryMb() + " MB)"));
            plan.left().forEach(vm -> lines.add("  STAYS " + vm.vmName() + ": it " + vm.reason()));
        }
        return lines;
    }

    /** The hosts whose evacuation a freeze window holds back, by name. */
    public static List<String> waitingHosts(PoolSnapshot snapshot) {
        return snapshot.maintenance().values().stream().filter(m -> m.disabledBy() != DisabledBy.DENSITY
                && (m.state() == State.REQUESTED || m.state() == State.EVACUATING || m.state() == State.BLOCKED))
                .map(HostMaintenance::hostName).sorted().toList();
    }

    /** Enables the host; a refusal is said once (and recorded), then tried again quietly at each run. */
    private Optional<Decision> enable(HostMaintenance m, HostGateway hosts) {
        try {
            hosts.enable(m.hostUuid());
        } catch (HostActionRefusedException e) {
            String status = m.hostName() + " stays in maintenance: " + e.getMessage() + " (tried again at each run)";
            if (m.status().filter(status::equals).isPresent()) {
                return Optional.empty();
            }
            records.step(m.poolId(), m.hostUuid(), State.ENABLE_REQUESTED, status, m.leftVms(), clock.instant());
            return Optional.of(Decision.aboutHost(DecisionAction.ENABLE, null, m.hostUuid(), status));
        }
        String by = m.enableRequestedBy().orElse("?");
        records.step(m.poolId(), m.hostUuid(), State.ENDED, "enabled (ENABLE HOST by " + by + ")", List.of(), clock.instant());
        return Optional.of(Decision.aboutHost(DecisionAction.ENABLE, null, m.hostUuid(), m.hostName()
                + " enabled again (ENABLE HOST by " + by + "): maintenance ended, balancing may fill it"));
    }

    /** Disables the host if need be and plans its evacuation; empty when it cannot go on in this run. */
    private Optional<EvacuationPlan> prepare(HostMaintenance m, PoolSnapshot snapshot, Eligibility gate,
            HostGateway hosts, List<Decision> decisions) {
        var host = snapshot.hosts().stream().filter(h -> h.uuid().equals(m.hostUuid())).findFirst();
        try {
            HostGateway.HostStatus status = hosts.status(m.hostUuid());
            if (status.enabled() && m.disabledAt().isPresent() && m.state() != State.REQUESTED) {
                endedOutside(m, hosts).ifPresent(decisions::add);
                return Optional.empty();
            }
            if (!status.live()) {
                block(m, "is not live: XAPI cannot migrate its VMs (HA restarts the protected ones)", decisions);
                return Optional.empty();
            }
            if (status.enabled()) {
                hosts.disable(m.hostUuid());
            }
            if (m.disabledAt().isEmpty()) {
                records.disabled(m.poolId(), m.hostUuid(), clock.instant());
            }
            List<ResidentGuest> guests = hosts.runningGuests(m.hostUuid());
            if (host.isEmpty()) {
                block(m, "is disabled but not in the collected state yet (run xcp-collect)", decisions);
                return Optional.empty();
            }
            if (gate.blocked()) {
                wait(m, decisions, "is disabled; its evacuation waits: " + gate.blockers().get(0).reason());
                return Optional.empty();
            }
            Set<String> guestUuids = guests.stream().map(ResidentGuest::vmUuid).collect(Collectors.toSet());
            EvacuationPlan planned = new EvacuationPlanner(chain.policy()).plan(snapshot, gate,
                    chain.placementFor(snapshot, gate), host.get(), guestUuids);
            List<LeftVm> left = new ArrayList<>(planned.left());
            Set<String> collected = snapshot.vms().stream().map(v -> v.uuid()).collect(Collectors.toSet());
            guests.stream().filter(g -> !collected.contains(g.vmUuid())).forEach(g -> left.add(new LeftVm(g.vmUuid(),
                    g.vmName(), "is not in the collected state yet (planned after the next collection)")));
            EvacuationPlan plan = new EvacuationPlan(planned.hostUuid(), planned.hostName(), planned.moves(), left);
            boolean quiet = plan.moves().isEmpty() && m.state() == State.BLOCKED && sameVms(left, m.leftVms());
            if (!quiet) {
                records.step(m.poolId(), m.hostUuid(), State.EVACUATING, "disabled; moving " + plan.moves().size()
                        + " VM(s)" + (left.isEmpty() ? "" : ", " + left.size() + " cannot move"), left, clock.instant());
                decisions.add(Decision.aboutHost(DecisionAction.EVACUATE, null, m.hostUuid(), m.hostName()
                        + " disabled for maintenance (" + requested(m) + "): " + guests.size() + " running VM(s), "
                        + plan.moves().size() + " to move"));
            }
            for (PlannedMove move : plan.moves()) {
                decisions.add(Decision.aboutVm(DecisionAction.MOVE, move.rule(), move.sourceUuid(), move.vmUuid(),
                        move.summary() + ": " + move.reason()));
            }
            for (LeftVm vm : left) {
                Decision stays = Decision.aboutVm(DecisionAction.NO_MOVE, null, m.hostUuid(), vm.vmUuid(),
                        vm.vmName() + " stays on " + m.hostName() + " (in maintenance): it " + vm.reason());
                if (!snapshot.reported().alreadySaid(stays)) {
                    decisions.add(stays);
                }
            }
            return quiet ? Optional.empty() : Optional.of(plan);
        } catch (HostActionRefusedException e) {
            block(m, "cannot be evacuated: " + e.getMessage(), decisions);
            return Optional.empty();
        }
    }

    /** After the moves: what XAPI says still runs on the host decides empty or blocked. */
    private Optional<Decision> finish(HostMaintenance m, EvacuationPlan plan, HostGateway hosts,
            MigrationExecutor.Report report) {
        List<ResidentGuest> still;
        try {
            still = hosts.runningGuests(m.hostUuid());
        } catch (HostActionRefusedException e) {
            return Optional.of(Decision.aboutHost(DecisionAction.EVACUATE, null, m.hostUuid(), m.hostName()
                    + ": what still runs there could not be read (" + e.getMessage() + "); read again at the next run"));
        }
        long moved = report.count(MigrationState.SUCCEEDED);
        if (still.isEmpty()) {
            records.step(m.poolId(), m.hostUuid(), State.EMPTY, "empty; stays disabled (" + moved + " VM(s) moved in the"
                    + " last step)", List.of(), clock.instant());
            return Optional.of(Decision.aboutHost(DecisionAction.EVACUATE, null, m.hostUuid(), m.hostName()
                    + " is empty and stays disabled: " + moved + " VM(s) moved (ENABLE HOST " + m.hostName()
                    + " ends the maintenance)"));
        }
        List<LeftVm> left = new ArrayList<>();
        for (ResidentGuest g : still) {
            String why = plan.left().stream().filter(l -> l.vmUuid().equals(g.vmUuid())).map(LeftVm::reason).findFirst()
                    .orElseGet(() -> failure(report, plan, g));
            left.add(new LeftVm(g.vmUuid(), g.vmName(), why));
        }
        records.step(m.poolId(), m.hostUuid(), State.BLOCKED, "disabled, not empty: " + left.size()
                + " VM(s) cannot move (tried again at each control run)", left, clock.instant());
        return Optional.of(Decision.aboutHost(DecisionAction.EVACUATE, null, m.hostUuid(), m.hostName()
                + " stays disabled and is not empty: " + left.size() + " VM(s) cannot move: " + left.stream()
                .map(l -> l.vmName() + " (" + l.reason() + ")").collect(Collectors.joining("; "))));
    }

    private static String failure(MigrationExecutor.Report report, EvacuationPlan plan, ResidentGuest guest) {
        for (PlannedMove move : plan.moves()) {
            if (move.vmUuid().equals(guest.vmUuid())) {
                return report.outcomes().stream().filter(o -> o.summary().equals(move.summary())).findFirst()
                        .map(o -> "its migration to " + move.destinationName() + " ended " + o.state().dbValue()
                                + (o.error() == null ? "" : " (" + o.error() + ")") + "; tried again at the next run")
                        .orElse("its migration did not complete; tried again at the next run");
            }
        }
        return "arrived after the plan was made; planned at the next run";
    }

    /** A host we disabled that is enabled now: someone enabled it outside xcp-balancer, which ends its maintenance. */
    private Optional<Decision> endedOutside(HostMaintenance m, HostGateway hosts) {
        try {
            if (!hosts.status(m.hostUuid()).enabled()) {
                return Optional.empty();
            }
        } catch (HostActionRefusedException e) {
            return Optional.empty(); // read again at the next run
        }
        records.step(m.poolId(), m.hostUuid(), State.ENDED, "enabled outside xcp-balancer", List.of(), clock.instant());
        return Optional.of(Decision.aboutHost(DecisionAction.ENABLE, null, m.hostUuid(), m.hostName()
                + " was enabled outside xcp-balancer: its maintenance ended, balancing may fill it"));
    }

    /** Blocked for a reason of the host's own: said once, not every run. */
    private void block(HostMaintenance m, String why, List<Decision> decisions) {
        String status = m.hostName() + " " + why;
        if (m.state() == State.BLOCKED && m.status().filter(status::equals).isPresent()) {
            return;
        }
        records.step(m.poolId(), m.hostUuid(), State.BLOCKED, status, m.leftVms(), clock.instant());
        decisions.add(Decision.aboutHost(DecisionAction.EVACUATE, null, m.hostUuid(), status));
    }

    private void wait(HostMaintenance m, List<Decision> decisions, String why) {
        String status = m.hostName() + " " + why;
        if (m.status().filter(status::equals).isPresent()) {
            return;
        }
        records.step(m.poolId(), m.hostUuid(), State.EVACUATING, status, m.leftVms(), clock.instant());
        decisions.add(Decision.aboutHost(DecisionAction.EVACUATE, null, m.hostUuid(), status));
    }

    private static boolean sameVms(List<LeftVm> a, List<LeftVm> b) {
        return a.stream().map(LeftVm::vmUuid).collect(Collectors.toSet())
                .equals(b.stream().map(LeftVm::vmUuid).collect(Collectors.toSet()));
    }

    private static String requested(HostMaintenance m) {
        return "requested by " + m.requestedBy() + m.reason().map(r -> ": " + r).orElse("");
    }
}
