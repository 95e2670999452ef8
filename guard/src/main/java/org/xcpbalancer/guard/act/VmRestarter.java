package org.xcpbalancer.guard.act;

import com.xensource.xenapi.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.xcpbalancer.control.placement.Placement;
import org.xcpbalancer.control.placement.PlacementRefusal;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.guard.state.ActionDraft;
import org.xcpbalancer.guard.state.ActionJournal;
import org.xcpbalancer.guard.state.ActionOutcome;
import org.xcpbalancer.guard.state.GuardActionKind;
import org.xcpbalancer.guard.state.GuardRepository;
import org.xcpbalancer.guard.state.GuardVmRow;
import org.xcpbalancer.guard.view.HostView;
import org.xcpbalancer.guard.view.PoolView;
import org.xcpbalancer.guard.view.VmView;
import org.xcpbalancer.xapi.XapiErrors;

/**
 * Starts halted protected VMs on hosts chosen by control's {@link Placement} (host enabled and live, memory,
 * run-on labels, anti-affinity): the least loaded host that fits (most free memory, then fewest VMs). The one way
 * the guard starts a VM, for the host path and the ladder alike. Each start is written PLANNED before the VM is
 * read again and started; a VM that runs anywhere by then is never started again. A VM that fits nowhere gets a
 * "no room" decision and is tried again at the next check.
 */
public final class VmRestarter {
    public enum Outcome { STARTED, ALREADY_RUNNING, NO_ROOM, BUSY, FAILED, REFUSED, DRY_RUN }

    /** What became of one VM; host is where it was (or would be) started, or where it already ran. */
    public record Result(VmView vm, Outcome outcome, HostView host, String reason) {
    }

    private final GuardXapi xapi;
    private final ActionJournal journal;
    private final GuardRepository repository;
    private final Placement placement;
    private final ActionFence fence;
    private final Clock clock;
    private final boolean dryRun;
    private final Consumer<String> say;
    private final Map<String, String> maintenance;
    private int started;
    /** VMs this restarter dealt with in this check (started, found running, no room, failed). */
    private final Set<String> handled = new java.util.HashSet<>();

    /** @param maintenance hosts in maintenance (uuid to HostMaintenance state): never a target */
    public VmRestarter(GuardXapi xapi, ActionJournal journal, GuardRepository repository, Placement placement,
            ActionFence fence, Clock clock, boolean dryRun, Consumer<String> say, Map<String, String> maintenance) {
        this.maintenance = Map.copyOf(maintenance);
        this.xapi = xapi;
        this.journal = journal;
        this.repository = repository;
        this.placement = placement;
        this.fence = fence;
        this.clock = clock;
        this.dryRun = dryRun;
        this.say = say;
    }

    /** Starts the VMs in restart order ({@link RestartOrder}); each sees the memory the ones before took. */
    public List<Result> restartAll(PoolView view, List<VmView> vms, String why) {
        PlacementPool pool = new PlacementPool(view, vms.stream().map(VmView::uuid).collect(Collectors.toSet()));
        List<Result> results = new ArrayList<>();
        for (VmView vm : RestartOrder.sorted(vms)) {
            results.add(restart(view, pool, vm, Set.of(), why));
        }
        return results;
    }

    /** Starts one halted VM on a host other than those in avoidHostUuids (the ladder's "restart elsewhere"). */
    public Result restartElsewhere(PoolView view, VmView vm, Set<String> avoidHostUuids, String why) {
        return restartElsewhere(view, vm, avoidHostUuids, Optional.empty(), why);
    }

    /**
     * The same, on the preferred host when placement allows the VM there (the ladder's first start of a crashed
     * VM: its affinity or last host, as xapi's VM.start prefers VM.affinity).
     */
    public Result restartElsewhere(PoolView view, VmView vm, Set<String> avoidHostUuids, Optional<String> prefer,
            String why) {
        return restart(view, new PlacementPool(view, Set.of(vm.uuid())), vm, avoidHostUuids, prefer, why);
    }

    /** Why no host other than those avoided may take the VM; empty when one may (asked before a hard_shutdown). */
    public Optional<String> noRoom(PoolView view, VmView vm, Set<String> avoidHostUuids) {
        List<String> refusals = new ArrayList<>();
        PlacementPool pool = new PlacementPool(view, Set.of(vm.uuid()));
        return choose(view, pool, vm, avoidHostUuids, Optional.empty(), refusals).isPresent() ? Optional.empty()
                : Optional.of(String.join("; ", refusals));
    }

    private Result restart(PoolView view, PlacementPool pool, VmView vm, Set<String> avoid, String why) {
        return restart(view, pool, vm, avoid, Optional.empty(), why);
    }

    private Result restart(PoolView view, PlacementPool pool, VmView vm, Set<String> avoid, Optional<String> prefer,
            String why) {
        String poolUuid = view.poolUuid();
        Instant now = clock.instant();
        ActionDraft draft = ActionDraft.of(GuardActionKind.START_ON, why).vm(vm.uuid(), vm.name());
        List<String> refusals = new ArrayList<>();
        Optional<HostView> chosen = choose(view, pool, vm, avoid, prefer, refusals);
        if (chosen.isEmpty()) {
            String reason = "no room for " + vm.name() + " (" + vm.memoryMb() + " MB"
                    + (vm.bestEffort() ? ", best-effort" : "") + "): " + String.join("; ", refusals)
                    + "; tried again at the next check";
            journal.record(poolUuid, ActionDraft.of(GuardActionKind.NO_ROOM, reason).vm(vm.uuid(), vm.name()),
                    ActionOutcome.WAITING, dryRun, now);
            say.accept(reason);
            return new Result(vm, Outcome.NO_ROOM, null, reason);
        }
        HostView host = chosen.get();
        draft = draft.target(host.uuid(), host.name());
        if (dryRun) {
            String reason = "would start " + vm.name() + " on " + host.name() + ": " + why;
            journal.record(poolUuid, draft.reason(reason), ActionOutcome.DRY_RUN, true, now);
            pool.started(vm, host.uuid());
            say.accept("dry run: " + reason);
            return new Result(vm, Outcome.DRY_RUN, host, reason);
        }
        long id = journal.plan(poolUuid, draft.reason("start " + vm.name() + " on " + host.name() + ": " + why), now);
        Optional<String> refused = fence.refusal(poolUuid, id);
        if (refused.isPresent()) {
            journal.finish(id, ActionOutcome.FAILED, "not started: " + refused.get(), clock.instant());
            return new Result(vm, Outcome.REFUSED, host, refused.get());
        }
        try {
            VmView now2 = xapi.reread(vm, view);
            if (now2.residentOnUuid() != null || now2.running()) {
                HostView at = view.host(now2.residentOnUuid()).orElse(host);
                String reason = vm.name() + " already runs on " + at.name() + ": not started again";
                journal.finish(id, ActionOutcome.DONE, reason, clock.instant());
                pool.started(vm, at.uuid());
                say.accept(reason);
                return new Result(vm, Outcome.ALREADY_RUNNING, at, reason);
            }
            if (!now2.currentOperations().isEmpty()) {
                String reason = vm.name() + " is busy (" + String.join(", ", now2.currentOperations())
                        + "): tried again at the next check";
                journal.finish(id, ActionOutcome.WAITING, reason, clock.instant());
                return new Result(vm, Outcome.BUSY, host, reason);
            }
            if (!now2.halted()) {
                String reason = vm.name() + " is " + now2.powerState() + ", not Halted: not started";
                journal.finish(id, ActionOutcome.FAILED, reason, clock.instant());
                return new Result(vm, Outcome.FAILED, host, reason);
            }
            xapi.startOn(vm, host);
            String reason = "started " + vm.name() + " on " + host.name() + ": " + why;
            journal.finish(id, ActionOutcome.DONE, reason, clock.instant());
            pool.started(vm, host.uuid());
            started++;
            noteRestart(poolUuid, vm, host);
            say.accept(reason);
            return new Result(vm, Outcome.STARTED, host, reason);
        } catch (Types.XenAPIException e) {
            String reason = "VM.start_on " + vm.name() + " on " + host.name() + " failed: " + XapiErrors.describe(e);
            journal.finish(id, ActionOutcome.FAILED, reason, clock.instant());
            say.accept(reason);
            return new Result(vm, Outcome.FAILED, host, reason);
        }
    }

    /** True when this restarter dealt with the VM in this check: a later stage leaves it for the next check. */
    public boolean handled(String vmUuid) {
        return handled.contains(vmUuid);
    }

    /** VMs this restarter started (for the check's summary). */
    public int startedCount() {
        return started;
    }

    private void noteRestart(String poolUuid, VmView vm, HostView host) {
        GuardVmRow row = repository.vm(poolUuid, vm.uuid()).orElse(GuardVmRow.fresh(poolUuid, vm.uuid(), vm.name()));
        repository.saveVm(row.restarted(GuardActionKind.START_ON.dbValue(), clock.instant(), host.uuid(), host.name()));
    }

    /** The least loaded host placement allows: most free memory after the starts so far, then fewest VMs. */
    private Optional<HostView> choose(PoolView view, PlacementPool pool, VmView vm, Set<String> avoid,
            Optional<String> prefer, List<String> refusals) {
        PredictedPool predicted = pool.predicted();
        List<Integer> fits = new ArrayList<>();
        for (int h = 0; h < view.hosts().size(); h++) {
            HostView host = view.hosts().get(h);
            if (avoid.contains(host.uuid())) {
                refusals.add(host.name() + " is the host it is to leave");
                continue;
            }
            if (maintenance.containsKey(host.uuid())) {
                refusals.add(host.name() + " is in maintenance (" + maintenance.get(host.uuid()) + ")");
                continue;
            }
            Optional<PlacementRefusal> refusal = placement.check(pool.state(vm), h, predicted);
            if (refusal.isPresent()) {
                refusals.add(refusal.get().detail());
            } else {
                fits.add(h);
            }
        }
        Optional<Integer> preferred = fits.stream().filter(h -> prefer.equals(Optional.of(view.hosts().get(h).uuid())))
                .findFirst();
        if (preferred.isPresent()) {
            return Optional.of(view.hosts().get(preferred.get()));
        }
        return fits.stream().min(Comparator.<Integer>comparingLong(h -> -predicted.freeMemoryMb(h))
                .thenComparingLong(h -> pool.runningVmCount(view.hosts().get(h).uuid())))
                .map(h -> view.hosts().get(h));
    }
}
