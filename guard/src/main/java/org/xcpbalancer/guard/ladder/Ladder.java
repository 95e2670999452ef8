package org.xcpbalancer.guard.ladder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.guard.view.VmMessages;

/**
 * The crash/hang ladder of the relaxed-HA paper, as pure planning: one check's view of a protected VM, its stored
 * ladder and the pool's time in, one decision out. Nothing here reads XAPI or the database.
 *
 * <p>A VM is unhealthy when it is Halted without its administrator's shutdown (a crash), Paused without its
 * administrator's VM.pause (as a crash with actions_after_crash "preserve" leaves it), or Running with its guest
 * agent's heartbeat older than guard.vmHeartbeatTimeout (hung); a VM without guest metrics is judged by its power
 * state only. Whatever its administrator did (a VM_SHUTDOWN or VM_PAUSED message) is left as it is. An
 * unhealthy VM climbs one step per check, each after guard.ladderWait since the previous one: (1) VM.hard_reboot
 * on its host, or, for a Halted VM (hard_reboot refuses Halted), VM.start_on the host of its affinity (else the
 * one it last ran on, as far as the guard knows) if the placement check allows it there, else the least loaded
 * host it allows: what xapi's VM.start and actions_after_crash=restart would do; (2) restarted on another host
 * (hard_shutdown first unless Halted); (3) give up and alert. The guard's one restart path chooses the host and
 * says "no room" when none fits; the step is then not taken. A VM healthy again keeps its history until it has
 * been healthy for guard.historyReset, so a VM that keeps crashing goes on climbing instead of being rebooted
 * forever.
 */
public final class Ladder {
    /** Message times are whole seconds on the wire; our own hard_shutdown may be stamped just before we planned it. */
    private static final Duration MESSAGE_SLACK = Duration.ofSeconds(2);

    private final LadderSettings settings;

    public Ladder(LadderSettings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    public LadderDecision plan(VmObservation vm, LadderState state, Instant now) {
        if (!vm.hostFine() && vm.power() != PowerState.HALTED) {
            return LadderDecision.quiet(LadderAction.NOT_LADDERS, "its host is not answering: the guard's host "
                    + "path decides", state);
        }
        if (vm.power() == PowerState.SUSPENDED || vm.power() == PowerState.OTHER) {
            return LadderDecision.note(LadderAction.NOT_LADDERS, "power state " + vm.power()
                    + ": left as it is (only a crash, a pause or a hang is the ladder's)", state);
        }
        Optional<String> trouble = trouble(vm, now);
        if (trouble.isEmpty()) {
            return healthy(vm, state, now);
        }
        LadderState unhealthy = state.withHealthySince(Optional.empty());
        if (adminShutdown(vm, state)) {
            return LadderDecision.note(LadderAction.ADMIN_SHUTDOWN_LEFT, "shut down by its administrator at "
                    + at(vm.shutdownAt().get()) + " (VM_SHUTDOWN message after its last start): never restarted "
                    + "by the guard", unhealthy);
        }
        if (vm.power() == PowerState.PAUSED && vm.pausedAt().isPresent()) {
            // xapi's VM.pause writes VM_PAUSED; a domain paused under it (on_crash "preserve") gets none
            return LadderDecision.note(LadderAction.ADMIN_PAUSE_LEFT, "paused by its administrator at "
                    + at(vm.pausedAt().get()) + " (VM_PAUSED message after its last start and unpause): never "
                    + "rebooted by the guard", unhealthy);
        }
        if (vm.operation().isPresent()) {
            return LadderDecision.note(LadderAction.WOULD_ACT_BUT, trouble.get() + "; would act but operation "
                    + vm.operation().get() + " is in progress on it", unhealthy);
        }
        if (unhealthy.step() != LadderStep.NONE && unhealthy.step() != LadderStep.GAVE_UP) {
            Instant due = unhealthy.lastActionAt().orElse(now).plus(settings.stepWait());
            if (now.isBefore(due)) {
                return LadderDecision.note(LadderAction.WAITING, trouble.get() + " after "
                        + unhealthy.lastAction().orElse("the last step") + " at " + at(unhealthy.lastActionAt().get())
                        + "; next step (" + nextStepName(unhealthy.step()) + ") not before " + at(due), unhealthy);
            }
        }
        return switch (unhealthy.step()) {
            case NONE -> firstStep(vm, unhealthy, trouble.get(), now);
            case REBOOTED -> restartElsewhere(vm, unhealthy, trouble.get(), now);
            case RESTARTED -> LadderDecision.act(LadderAction.GIVE_UP, trouble.get() + " after "
                    + "the restart on another host at " + at(unhealthy.lastActionAt().get()) + ": giving up, an "
                    + "operator must look at it", unhealthy.afterStep(LadderStep.GAVE_UP,
                            LadderAction.GIVE_UP.dbValue(), now, Optional.empty()));
            case GAVE_UP -> LadderDecision.note(LadderAction.GIVEN_UP_STILL_DOWN, trouble.get() + "; the guard "
                    + "gave up at " + at(unhealthy.lastActionAt().orElse(now)) + " and waits for an operator", unhealthy);
        };
    }

    /** Why the VM is unhealthy, or empty when it is fine. */
    Optional<String> trouble(VmObservation vm, Instant now) {
        switch (vm.power()) {
            case HALTED:
                return Optional.of("Halted without a shutdown by its administrator (crashed)");
            case PAUSED:
                return Optional.of("Paused unexpectedly");
            default:
                break;
        }
        if (vm.heartbeatAt().isEmpty()) {
            return Optional.empty();
        }
        Duration age = Duration.between(vm.heartbeatAt().get(), now);
        if (age.compareTo(settings.heartbeatTimeout()) > 0) {
            // the time, not the age: a note's text must stay the same from check to check to be recorded once
            return Optional.of("Running but its guest agent's last heartbeat was at " + at(vm.heartbeatAt().get())
                    + ", more than guard.vmHeartbeatTimeout (" + DurationFormat.format(settings.heartbeatTimeout())
                    + ") ago: hung");
        }
        return Optional.empty();
    }

    private LadderDecision healthy(VmObservation vm, LadderState state, Instant now) {
        LadderState seen = state.withLastHost(vm.hostUuid());
        if (seen.step() == LadderStep.NONE) {
            return LadderDecision.quiet(LadderAction.NOTHING, "healthy", seen);
        }
        Instant since = seen.healthySince().orElse(now);
        if (Duration.between(since, now).compareTo(settings.resetAfter()) >= 0) {
            return LadderDecision.act(LadderAction.LADDER_RESET, "healthy since " + at(since) + " ("
                    + DurationFormat.format(settings.resetAfter()) + ", guard.historyReset): ladder history ("
                    + seen.attempts() + " step(s), last " + seen.lastAction().orElse("none") + ") cleared",
                    seen.cleared(now, vm.hostUuid()));
        }
        return LadderDecision.note(LadderAction.RECOVERED, "healthy again after " + seen.lastAction().orElse("a step")
                + " at " + at(seen.lastActionAt().orElse(since)) + "; history kept until " + at(since.plus(
                        settings.resetAfter())) + " of health", seen.withHealthySince(Optional.of(since)));
    }

    private LadderDecision firstStep(VmObservation vm, LadderState state, String trouble, Instant now) {
        if (vm.power() != PowerState.HALTED) {
            return LadderDecision.reboot(trouble + ": step 1, VM.hard_reboot on its host", vm.hostUuid().orElseThrow(),
                    state.afterStep(LadderStep.REBOOTED, LadderAction.HARD_REBOOT.dbValue(), now, vm.hostUuid()));
        }
        Optional<String> prefer = vm.affinityHostUuid().or(state::lastHostUuid);
        return LadderDecision.start(LadderAction.START_ON, trouble + ": step 1, VM.start_on "
                + (prefer.isPresent() ? "its " + (vm.affinityHostUuid().isPresent() ? "affinity" : "last") + " host if "
                        + "it fits there, else " : "") + "the least loaded host that fits", Optional.empty(), prefer,
                Optional.empty(), false, state.afterStep(LadderStep.REBOOTED, LadderAction.START_ON.dbValue(), now,
                        Optional.empty()));
    }

    private LadderDecision restartElsewhere(VmObservation vm, LadderState state, String trouble, Instant now) {
        Optional<String> avoid = vm.hostUuid().or(state::lastHostUuid);
        boolean shutdownFirst = vm.power() != PowerState.HALTED;
        return LadderDecision.start(LadderAction.RESTART_ELSEWHERE, trouble + " after " + state.lastAction()
                .orElse("step 1") + " at " + at(state.lastActionAt().orElse(now)) + ": step 2, "
                + (shutdownFirst ? "VM.hard_shutdown then " : "") + "VM.start_on "
                + (avoid.isPresent() ? "another host" : "the least loaded host that fits"), vm.hostUuid(),
                Optional.empty(), avoid, shutdownFirst, state.afterStep(LadderStep.RESTARTED,
                        LadderAction.RESTART_ELSEWHERE.dbValue(), now, Optional.empty()));
    }

    /**
     * Halted and {@link VmMessages#shutDownOnPurpose()} (the one rule, same-second restart included): its
     * administrator shut it down (a crash leaves no message). The guard's own
     * hard_shutdown of step 2 is not one either: a message stamped after that step was planned with no start
     * since (the start_on failed, or the guard died between the two calls).
     */
    static boolean adminShutdown(VmObservation vm, LadderState state) {
        VmMessages messages = new VmMessages(vm.startedAt().orElse(null), vm.shutdownAt().orElse(null));
        if (vm.power() != PowerState.HALTED || !messages.shutDownOnPurpose()) {
            return false;
        }
        Instant shutdown = vm.shutdownAt().get();
        Optional<Instant> started = vm.startedAt();
        if (!state.lastAction().equals(Optional.of(LadderAction.RESTART_ELSEWHERE.dbValue()))
                || state.lastActionAt().isEmpty()) {
            return true;
        }
        Instant planned = state.lastActionAt().get().minus(MESSAGE_SLACK);
        boolean startedSincePlanned = started.map(s -> !s.isBefore(planned)).orElse(false);
        return shutdown.isBefore(planned) || startedSincePlanned;
    }

    private static String nextStepName(LadderStep reached) {
        return reached == LadderStep.REBOOTED ? "restart on another host" : "give up";
    }

    private static String at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
