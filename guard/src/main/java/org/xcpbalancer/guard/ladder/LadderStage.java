package org.xcpbalancer.guard.ladder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.xcpbalancer.guard.GuardCheck;
import org.xcpbalancer.guard.GuardSettings;
import org.xcpbalancer.guard.GuardStage;
import org.xcpbalancer.guard.act.RestartOrder;
import org.xcpbalancer.guard.state.GuardVmRow;
import org.xcpbalancer.guard.view.PoolView;
import org.xcpbalancer.guard.view.VmView;

/**
 * The second stage of a guard check: each protected VM goes through the {@link Ladder}, in restart order, and
 * {@link LadderSteps} carries its decision out. A VM on a host the host stage does not hold up, or reset by the
 * host path and not yet started, is the host path's. The master's times (heartbeats, messages) are moved onto the
 * guard's clock by the skew seen at this check, so ages are the master's and waits the guard's.
 */
public final class LadderStage implements GuardStage {
    private final Ladder ladder;
    private final LadderSteps steps;

    public LadderStage(GuardSettings settings) {
        this.ladder = new Ladder(new LadderSettings(settings.vmHeartbeatTimeout(), settings.ladderWait(),
                settings.historyReset()));
        this.steps = new LadderSteps(settings);
    }

    @Override
    public String name() {
        return "ladder";
    }

    @Override
    public void run(GuardCheck check) {
        PoolView view = check.view();
        Instant now = check.now();
        Duration skew = Duration.between(view.serverTime(), now);
        Map<String, GuardVmRow> rows = check.repository().vms(view.poolUuid()).stream()
                .collect(Collectors.toMap(GuardVmRow::vmUuid, Function.identity()));
        for (VmView vm : RestartOrder.sorted(view.protectedVms())) {
            GuardVmRow row = rows.get(vm.uuid());
            if (row != null && row.awaitingHostPathStart() || check.restarter().handled(vm.uuid())) {
                continue;
            }
            boolean hostFine = vm.residentOnUuid() == null || check.hostFine(vm.residentOnUuid());
            VmObservation seen = LadderRows.observation(vm, hostFine, view.messagesOf(vm.uuid()), skew);
            LadderDecision decision = ladder.plan(seen, LadderRows.state(row), now);
            steps.carryOut(check, vm, row, seen, decision);
        }
    }
}
