package org.xcpbalancer.guard.ladder;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.xcpbalancer.guard.state.GuardVmRow;
import org.xcpbalancer.guard.view.VmMessages;
import org.xcpbalancer.guard.view.VmView;

/**
 * Between the guard's types and the ladder's: a GuardVm row as a {@link LadderState}, a VmView and its messages
 * as a {@link VmObservation}. The ladder's last host is GuardVm.RestartedOnHostUuid (where the guard last started
 * it).
 */
final class LadderRows {
    private LadderRows() {
    }

    static LadderState state(GuardVmRow row) {
        if (row == null) {
            return LadderState.initial();
        }
        return new LadderState(LadderStep.fromDb(row.ladderStep()), Optional.ofNullable(row.lastAction()),
                Optional.ofNullable(row.lastActionAt()), Optional.ofNullable(row.healthySince()), row.attempts(),
                Optional.ofNullable(row.restartedOnHostUuid()), Optional.ofNullable(row.lastNote()));
    }

    /** The VM as the ladder sees it, the master's times moved by {@code skew} (guard clock minus master clock). */
    static VmObservation observation(VmView vm, boolean hostFine, VmMessages messages, Duration skew) {
        return new VmObservation(vm.uuid(), vm.name() == null ? vm.uuid() : vm.name(), power(vm.powerState()),
                Optional.ofNullable(vm.residentOnUuid()), hostFine, shifted(vm.guestUpdatedAt(), skew),
                shifted(messages.lastStartedAt(), skew), shifted(messages.lastShutdownAt(), skew),
                shifted(messages.pausedOnPurpose() ? messages.lastPausedAt() : null, skew),
                vm.currentOperations().stream().sorted().findFirst(), Optional.ofNullable(vm.affinityHostUuid()));
    }

    /** GuardVm.Problem of an unhealthy VM: crashed (Halted), paused, or hung (Running, heartbeat stale). */
    static String problem(VmObservation vm) {
        return switch (vm.power()) {
            case HALTED -> "crashed";
            case PAUSED -> "paused";
            default -> "hung";
        };
    }

    private static PowerState power(String xapi) {
        if (xapi == null) {
            return PowerState.OTHER;
        }
        try {
            return PowerState.valueOf(xapi.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return PowerState.OTHER;
        }
    }

    private static Optional<Instant> shifted(Instant masterTime, Duration skew) {
        return Optional.ofNullable(masterTime).map(t -> t.plus(skew));
    }
}
