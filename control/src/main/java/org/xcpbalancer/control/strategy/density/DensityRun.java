package org.xcpbalancer.control.strategy.density;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PlannedPowerAction;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.StrategyPlan;
import org.xcpbalancer.control.power.PowerHistory;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.core.state.HostPowerRecord;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.PowerActionState;

/**
 * One planning pass of the density strategy. First a host being woken is waited for; then, when the load needs
 * more hosts (the mode is performance, the headroom is gone, or a host breaks a rule above the targets and
 * nothing moved its load), the best sleeping host is powered on; else, in density mode, one host is emptied and
 * powered off: the host that draws the most at idle among those that may go, whose VMs all find a destination
 * under the targets with the headroom kept.
 */
final class DensityRun {
    private final PlanningInput input;
    private final DensityArgs args;
    private final boolean densityMode;
    private final PowerHistory power;
    private final List<Decision> decisions = new ArrayList<>();
    private final List<PlannedMove> moves = new ArrayList<>();
    private final List<PlannedPowerAction> actions = new ArrayList<>();

    DensityRun(PlanningInput input, DensityArgs args, boolean densityMode) {
        this.input = input;
        this.args = args;
        this.densityMode = densityMode;
        this.power = input.snapshot().power();
    }

    StrategyPlan plan() {
        if (args.maxPowerActionsPerRun() == 0) {
            once(Decision.of(DecisionAction.SKIP, "density: no host is powered off or on: density.maxPowerActionsPerRun is 0"));
            return finish();
        }
        PredictedPool pool = input.pool();
        List<Integer> powered = new ArrayList<>();
        List<Integer> sleeping = new ArrayList<>();
        for (int h = 0; h < pool.hostCount(); h++) {
            HostState host = pool.host(h);
            if (waking(host)) {
                once(Decision.aboutHost(DecisionAction.POWER_ON, null, host.uuid(), host.name() + " is being powered on:"
                        + " waiting for it to be live and enabled (density.bootTimeout " + DurationFormat.format(args.bootTimeout()) + ")"));
                if (densityMode) {
                    return finish();
                }
            } else if (power.poweredOffByUs(host.uuid()) || Boolean.FALSE.equals(host.live())) {
                if (mayWake(host)) {
                    sleeping.add(h);
                }
            } else {
                powered.add(h);
            }
        }
        sleeping.sort(Comparator.comparingDouble((Integer h) -> idleWatts(pool.host(h))).thenComparing(h -> pool.host(h).name()));
        // A disabled host (maintenance) still carries its load but takes none: it is no capacity.
        List<Integer> capacity = powered.stream().filter(h -> pool.host(h).enabled()).toList();
        Optional<String> wakeReason = wakeReason(pool, powered, capacity, sleeping);
        if (wakeReason.isPresent()) {
            wake(pool, powered, capacity, sleeping, wakeReason.get());
        } else if (densityMode) {
            new Consolidation(input, args, this).emptyOneHost(pool, powered, capacity);
        }
        return finish();
    }

    /** Why the pool needs another host now, if it does. */
    private Optional<String> wakeReason(PredictedPool pool, List<Integer> powered, List<Integer> capacity,
            List<Integer> sleeping) {
        if (sleeping.isEmpty()) {
            return Optional.empty();
        }
        if (!densityMode) {
            return Optional.of("the mode is performance: hosts xcp-balancer powered off are powered on again");
        }
        Headroom.Check now = Headroom.check(pool, powered, capacity, args);
        if (!now.fits()) {
            return Optional.of("the headroom is gone: " + now.text());
        }
        if (input.plannedBefore().isEmpty()) {
            for (HostRule rule : input.snapshot().rules()) {
                for (int h : pool.violators(rule)) {
                    if (powered.contains(h) && !Headroom.underTargets(pool, h, args)) {
                        return Optional.of(String.format(Locale.ROOT, "%s breaks the rule %s %s above the pool average"
                                + " at %.0f%% CPU and %.0f%% memory, over the density targets, and no powered host could"
                                + " take its load", pool.host(h).name(), rule.subject(), trim(rule.threshold()),
                                Headroom.cpuPercent(pool, h), Headroom.memoryPercent(pool, h)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Up to density.maxPowerActionsPerRun sleeping hosts: each time the one with the lowest idle watts that
     * restores the headroom, else the largest; in density mode it stops once the headroom is back.
     */
    private void wake(PredictedPool pool, List<Integer> powered, List<Integer> capacity, List<Integer> sleeping,
            String why) {
        List<Integer> with = new ArrayList<>(capacity);
        List<Integer> left = new ArrayList<>(sleeping);
        for (int n = 0; n < args.maxPowerActionsPerRun() && !left.isEmpty(); n++) {
            Integer chosen = null;
            for (int h : left) {
                List<Integer> trial = new ArrayList<>(with);
                trial.add(h);
                if (!densityMode || Headroom.check(pool, powered, trial, args).fits()) {
                    chosen = h;
                    break;
                }
            }
            if (chosen == null) {
                chosen = left.stream().max(Comparator.comparingInt((Integer h) -> cpus(pool.host(h)))).orElseThrow();
            }
            left.remove(chosen);
            with.add(chosen);
            HostState host = pool.host(chosen);
            String reason = String.format(Locale.ROOT, "%s (idle %.0f W) is powered on: %s", host.name(),
                    idleWatts(host), why);
            actions.add(new PlannedPowerAction(PowerActionKind.POWER_ON, host.uuid(), host.name(), reason, List.of(),
                    input.snapshot().now().plus(args.bootTimeout())));
            decisions.add(Decision.aboutHost(DecisionAction.POWER_ON, null, host.uuid(), reason));
            if (densityMode && Headroom.check(pool, powered, with, args).fits()) {
                return;
            }
        }
    }

    /**
     * Powered on by xcp-balancer within density.bootTimeout and not yet seen live: still booting, or the
     * collection has not seen it come back (the follower found it live before the collector did).
     */
    private boolean waking(HostState host) {
        Optional<HostPowerRecord> latest = power.latest(host.uuid());
        if (latest.isEmpty() || latest.get().kind() != PowerActionKind.POWER_ON
                || latest.get().state() == PowerActionState.FAILED) {
            return false;
        }
        boolean seenBack = latest.get().state() == PowerActionState.DONE && !Boolean.FALSE.equals(host.live());
        return !seenBack && latest.get().startedAt().plus(args.bootTimeout()).isAfter(input.snapshot().now());
    }

    /** Halted and wakeable, and powered off by xcp-balancer unless density.powerOnAnyHost. */
    private boolean mayWake(HostState host) {
        return host.canBeWoken() && (args.powerOnAnyHost() || power.poweredOffByUs(host.uuid()));
    }

    double idleWatts(HostState host) {
        return args.watts().of(host.name()).idle();
    }

    private static int cpus(HostState host) {
        return host.cpuNum() == null ? 0 : host.cpuNum();
    }

    void move(PlannedMove move, Decision decision) {
        moves.add(move);
        decisions.add(decision);
    }

    void powerOff(PlannedPowerAction action) {
        actions.add(action);
        decisions.add(Decision.aboutHost(DecisionAction.POWER_OFF, null, action.hostUuid(), action.reason()));
    }

    /** A lasting decision, stored only when its words changed. */
    void once(Decision decision) {
        if (!input.snapshot().reported().alreadySaid(decision)) {
            decisions.add(decision);
        }
    }

    private StrategyPlan finish() {
        return new StrategyPlan(moves, decisions, actions);
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
