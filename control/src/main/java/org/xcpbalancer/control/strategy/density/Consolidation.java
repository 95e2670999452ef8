package org.xcpbalancer.control.strategy.density;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xcpbalancer.control.placement.PlacementRefusal;
import org.xcpbalancer.control.power.PowerHistory;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PlannedPowerAction;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.core.state.HostPowerRecord;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.VmState;

/**
 * Chooses the one host this run empties and powers off, and plans its VMs' moves. A host may go when it is not
 * the master, can be woken (power_on_mode set), was not powered on by xcp-balancer within density.powerOnCooldown,
 * had no power-off fail within density.powerOffRetryAfter,
 * passes the gate, holds only VMs that may move and no more of them than the run's move budget, the load fits on
 * the other powered hosts with the headroom kept, and every VM finds a destination that passes the placement
 * and stays under the targets, with the host counted as disabled, and XAPI's HA plan still holds without it
 * ({@link PowerOffHaPlan}). Hosts that draw the most at idle are tried first. When none may go, each host's
 * reason is stored (once, while it lasts).
 */
final class Consolidation {
    private final PlanningInput input;
    private final DensityArgs args;
    private final DensityRun run;

    Consolidation(PlanningInput input, DensityArgs args, DensityRun run) {
        this.input = input;
        this.args = args;
        this.run = run;
    }

    /** @param powered the hosts on (their load counts); capacity: those of them that take VMs (enabled) */
    void emptyOneHost(PredictedPool pool, List<Integer> powered, List<Integer> capacity) {
        List<Integer> candidates = new ArrayList<>(powered);
        candidates.sort(Comparator.comparingDouble((Integer h) -> -run.idleWatts(pool.host(h)))
                .thenComparingInt(h -> vmsOn(pool, h).size()).thenComparing(h -> pool.host(h).name()));
        List<Decision> skipped = new ArrayList<>();
        for (int h : candidates) {
            Optional<String> why = whyNot(pool, powered, capacity, h);
            if (why.isEmpty()) {
                return;
            }
            HostState host = pool.host(h);
            skipped.add(Decision.aboutHost(DecisionAction.SKIP, null, host.uuid(), host.name()
                    + " is not powered off: " + why.get()));
        }
        skipped.forEach(run::once);
    }

    /** Plans the host's emptying and power-off and returns empty, or says why it may not go. */
    private Optional<String> whyNot(PredictedPool pool, List<Integer> powered, List<Integer> capacity, int h) {
        HostState host = pool.host(h);
        Optional<String> standing = standing(host);
        if (standing.isPresent()) {
            return standing;
        }
        List<VmState> vms = vmsOn(pool, h);
        // A lasting reason (vGPU, PCI, no pool_migrate) is named before a passing one (a cooldown).
        List<VmState> lastingFirst = new ArrayList<>(vms);
        lastingFirst.sort(Comparator.comparing((VmState v) -> !input.gate().isPinned(v.uuid())));
        for (VmState vm : lastingFirst) {
            Optional<String> refusal = input.gate().vmRefusal(vm.uuid());
            if (refusal.isPresent()) {
                return Optional.of("it keeps " + vm.name() + ", which " + refusal.get());
            }
        }
        if (vms.size() > input.moveBudget()) {
            return Optional.of("its " + vms.size() + " VMs are more than the " + input.moveBudget()
                    + " moves this run may still plan (control.maxMigrationsPerRun)");
        }
        List<Integer> others = new ArrayList<>(capacity);
        others.remove(Integer.valueOf(h));
        Headroom.Check after = Headroom.check(pool, powered, others, args);
        if (!after.fits()) {
            return Optional.of("without it the load would not fit: " + after.text());
        }
        // Once empty the host is disabled, and XAPI's HA plan then counts it as no restart target: its VMs are
        // placed on the pool as it will be, and the plan is checked there before the power-off (PowerOffHaPlan).
        return placeAll(pool, PowerOffHaPlan.withHostDisabled(input, h), h, vms, others, after);
    }

    /** Reasons that do not depend on the load. */
    private Optional<String> standing(HostState host) {
        if (host.ip() != null && host.ip().equals(input.snapshot().state().pool().masterAddress())) {
            return Optional.of("it is the pool master");
        }
        if (!host.canBeWoken()) {
            return Optional.of("its power_on_mode is not set, so host.power_on could not wake it again");
        }
        if (input.snapshot().power().poweredOnWithin(host.uuid(), args.powerOnCooldown(), input.snapshot().now())) {
            return Optional.of("xcp-balancer powered it on less than density.powerOnCooldown "
                    + DurationFormat.format(args.powerOnCooldown()) + " ago");
        }
        Optional<String> failedPowerOff = failedPowerOff(host);
        if (failedPowerOff.isPresent()) {
            return failedPowerOff;
        }
        Optional<String> gate = input.gate().hostRefusal(host.uuid());
        if (gate.isPresent()) {
            return Optional.of("it " + gate.get());
        }
        boolean touched = input.plannedBefore().stream().anyMatch(m -> m.sourceUuid().equals(host.uuid())
                || m.destinationUuid().equals(host.uuid()));
        return touched ? Optional.of("an earlier strategy moves a VM to or from it in this run") : Optional.empty();
    }

    /**
     * XAPI refused this host's last power-off (e.g. a Paused VM the collector places on no host is still resident):
     * it looks empty again, but trying every run would fail the same way until an administrator acts.
     */
    private Optional<String> failedPowerOff(HostState host) {
        PowerHistory power = input.snapshot().power();
        if (!power.failedPowerOffWithin(host.uuid(), args.powerOffRetryAfter(), input.snapshot().now())) {
            return Optional.empty();
        }
        HostPowerRecord failed = power.latest(host.uuid()).orElseThrow();
        return Optional.of("its power-off failed at " + PowerHistory.failedAt(failed).truncatedTo(ChronoUnit.SECONDS)
                + (failed.error() == null ? "" : " (" + failed.error() + ")")
                + "; not tried again before density.powerOffRetryAfter "
                + DurationFormat.format(args.powerOffRetryAfter()) + " has passed");
    }

    /**
     * Each VM, the largest first, onto the powered host left least loaded that takes it under the targets, on the
     * pool with host h disabled; then XAPI's HA plan on the pool as left.
     */
    private Optional<String> placeAll(PredictedPool pool, PredictedPool disabled, int h, List<VmState> vms,
            List<Integer> others, Headroom.Check after) {
        HostState host = pool.host(h);
        List<VmState> largestFirst = new ArrayList<>(vms);
        largestFirst.sort(Comparator.comparingLong((VmState v) -> v.memoryMb() == null ? 0 : v.memoryMb()).reversed()
                .thenComparing(VmState::name));
        PredictedPool predicted = disabled;
        List<PlannedMove> planned = new ArrayList<>();
        for (VmState vm : largestFirst) {
            Integer best = null;
            PredictedPool bestPool = null;
            String lastRefusal = "every powered host would go over the targets";
            for (int d : others) {
                Optional<String> refusal = refusal(predicted, vm, d);
                if (refusal.isPresent()) {
                    lastRefusal = refusal.get();
                    continue;
                }
                PredictedPool moved = predicted.withMove(vm, h, d);
                if (!Headroom.underTargets(moved, d, args)) {
                    continue;
                }
                if (best == null || Headroom.cpuPercent(moved, d) < Headroom.cpuPercent(bestPool, best)) {
                    best = d;
                    bestPool = moved;
                }
            }
            if (best == null) {
                return Optional.of(vm.name() + " has no destination (" + lastRefusal + ")");
            }
            HostState destination = predicted.host(best);
            String reason = String.format(Locale.ROOT, "%s: %s -> %s to empty %s for power-off (density mode; %s"
                    + " then at %.0f%% CPU, %.0f%% memory)", vm.name(), host.name(), destination.name(), host.name(),
                    destination.name(), Headroom.cpuPercent(bestPool, best), Headroom.memoryPercent(bestPool, best));
            planned.add(new PlannedMove(vm.uuid(), vm.name(), vm.memoryMb() == null ? 0 : vm.memoryMb(), host.uuid(),
                    host.name(), destination.uuid(), destination.name(), null, reason, null));
            predicted = bestPool;
        }
        Optional<String> haPlan = PowerOffHaPlan.brokenBy(pool, predicted, h);
        if (haPlan.isPresent()) {
            return haPlan;
        }
        for (PlannedMove move : planned) {
            run.move(move, Decision.aboutVm(DecisionAction.MOVE, null, move.sourceUuid(), move.vmUuid(), move.reason()));
        }
        String reason = String.format(Locale.ROOT, "%s (idle %.0f W) is powered off once empty: %s%s", host.name(),
                run.idleWatts(host), planned.isEmpty() ? "it runs no VM; " : "its " + planned.size()
                        + " VM(s) move to the other hosts; ", after.text());
        run.powerOff(new PlannedPowerAction(PowerActionKind.POWER_OFF, host.uuid(), host.name(), reason,
                planned.stream().map(PlannedMove::vmUuid).toList(), null));
        return Optional.empty();
    }

    private Optional<String> refusal(PredictedPool pool, VmState vm, int d) {
        HostState destination = pool.host(d);
        Optional<String> gate = input.gate().hostRefusal(destination.uuid());
        if (gate.isPresent()) {
            return Optional.of(destination.name() + " " + gate.get());
        }
        Optional<String> pair = input.gate().pairRefusal(vm.uuid(), destination.uuid());
        if (pair.isPresent()) {
            return pair;
        }
        return input.placement().check(vm, d, pool).map(PlacementRefusal::detail);
    }

    /** The running guests (not the control domain) on host h in the predicted pool. */
    private List<VmState> vmsOn(PredictedPool pool, int h) {
        return input.snapshot().vms().stream().filter(v -> v.running() && !v.controlDomain())
                .filter(v -> Integer.valueOf(h).equals(pool.hostOf(v.uuid()))).toList();
    }
}
