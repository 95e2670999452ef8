package org.xcpbalancer.guard.ladder;

import com.xensource.xenapi.Types;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xcpbalancer.xapi.XapiErrors;
import org.xcpbalancer.guard.GuardCheck;
import org.xcpbalancer.guard.GuardSettings;
import org.xcpbalancer.guard.act.ExternalCommand;
import org.xcpbalancer.guard.act.VmRestarter;
import org.xcpbalancer.guard.state.ActionDraft;
import org.xcpbalancer.guard.state.ActionOutcome;
import org.xcpbalancer.guard.state.GuardActionKind;
import org.xcpbalancer.guard.state.GuardActionRow;
import org.xcpbalancer.guard.state.GuardVmRow;
import org.xcpbalancer.guard.view.VmView;

/**
 * Carries out a {@link LadderDecision}. A step is stored in GuardVm (step, time, attempts) before its GuardAction
 * row is written as planned and before any XAPI call, so a guard that dies mid-step finds the step taken and waits
 * for the next one instead of repeating it; a step that did nothing (no room, the lease lost, the VM busy) is
 * taken back. Starts go through the guard's one restart path ({@link VmRestarter}). A note is recorded once, and
 * again when its text changes (GuardVm.LastNote). In a dry run nothing is called and GuardVm is not written: only
 * what would be done is recorded, once.
 */
final class LadderSteps {
    private final Optional<ExternalCommand> reinstall;

    LadderSteps(GuardSettings settings) {
        this.reinstall = settings.reinstallCommand()
                .map(c -> new ExternalCommand("guard.reinstallCommand", c, settings.reinstallTimeout()));
    }

    void carryOut(GuardCheck check, VmView vm, GuardVmRow stored, VmObservation seen, LadderDecision d) {
        GuardVmRow row = stored != null ? stored : GuardVmRow.fresh(check.poolUuid(), vm.uuid(), vm.name());
        VmRowEdit edit = new VmRowEdit(row).powerState(vm.powerState());
        boolean changed = stored == null || !Objects.equals(stored.powerState(), vm.powerState());
        switch (d.action()) {
            case NOTHING -> changed |= healthy(row, edit, check.now());
            case RECOVERED -> {
                edit.healthySince(d.next().healthySince().orElse(check.now()));
                note(check, vm, edit, GuardActionKind.RECOVERED, ActionOutcome.DONE, d);
                changed = true;
            }
            case NOT_LADDERS, WAITING, WOULD_ACT_BUT, GIVEN_UP_STILL_DOWN ->
                    changed |= note(check, vm, edit, GuardActionKind.LADDER_WAIT, ActionOutcome.WAITING, d);
            case ADMIN_SHUTDOWN_LEFT ->
                    changed |= note(check, vm, edit, GuardActionKind.ADMIN_SHUTDOWN, ActionOutcome.WAITING, d);
            case ADMIN_PAUSE_LEFT ->
                    changed |= note(check, vm, edit, GuardActionKind.ADMIN_PAUSE, ActionOutcome.WAITING, d);
            case HARD_REBOOT -> {
                reboot(check, vm, row, edit, seen, d);
                return;
            }
            case START_ON, RESTART_ELSEWHERE -> {
                start(check, vm, row, edit, seen, d);
                return;
            }
            case GIVE_UP -> {
                giveUp(check, vm, edit, seen, d);
                return;
            }
            case LADDER_RESET -> {
                reset(check, vm, edit, d);
                return;
            }
        }
        if (changed && !check.dryRun()) {
            check.repository().saveVm(edit.row(check.now()));
        }
    }

    /** A VM the host path restarted (a problem, no step) is healthy once it runs: said in its row. */
    private static boolean healthy(GuardVmRow row, VmRowEdit edit, Instant now) {
        if (row.problem() != null && row.healthySince() == null) {
            edit.healthySince(now);
            return true;
        }
        return false;
    }

    /** Records the note if it is new; true when the row must remember it. */
    private static boolean note(GuardCheck check, VmView vm, VmRowEdit edit, GuardActionKind kind,
            ActionOutcome outcome, LadderDecision d) {
        if (!d.recordNote()) {
            return false;
        }
        if (check.dryRun()) {
            dryRun(check, vm, draft(kind, vm, d.reason()));
            return false;
        }
        check.journal().record(check.poolUuid(), draft(kind, vm, d.reason()), outcome, false, check.now());
        check.say(vm.name() + ": " + d.reason());
        edit.note(d.reason());
        return true;
    }

    private static void reboot(GuardCheck check, VmView vm, GuardVmRow row, VmRowEdit edit, VmObservation seen,
            LadderDecision d) {
        ActionDraft draft = draft(GuardActionKind.HARD_REBOOT, vm, d.reason()).host(vm.residentOnUuid(),
                hostName(check, vm.residentOnUuid()));
        if (check.dryRun()) {
            dryRun(check, vm, draft);
            return;
        }
        check.repository().saveVm(advanced(check, edit, seen, d).row(check.now()));
        long id = check.journal().plan(check.poolUuid(), draft, check.now());
        Optional<String> refused = check.fence().refusal(check.poolUuid(), id);
        if (refused.isPresent()) {
            check.journal().finish(id, ActionOutcome.FAILED, "not done: " + refused.get(), check.now());
            check.repository().saveVm(row);
            return;
        }
        try {
            check.xapi().hardReboot(vm);
            check.journal().finish(id, ActionOutcome.DONE, "hard-rebooted: " + d.reason(), check.now());
            check.say("hard-rebooted " + vm.name() + ": " + d.reason());
        } catch (Types.XenAPIException e) {
            // the step counts as tried: the next one (another host) comes after the wait
            String why = "VM.hard_reboot of " + vm.name() + " failed: " + XapiErrors.describe(e);
            check.journal().finish(id, ActionOutcome.FAILED, why, check.now());
            check.say(why);
        }
    }

    private static void start(GuardCheck check, VmView vm, GuardVmRow row, VmRowEdit edit, VmObservation seen,
            LadderDecision d) {
        Set<String> avoid = d.avoidHostUuid().map(Set::of).orElse(Set.of());
        VmRestarter restarter = check.restarter();
        Optional<String> noRoom = d.shutdownFirst() ? restarter.noRoom(check.view(), vm, avoid) : Optional.empty();
        if (noRoom.isPresent()) {
            // never shut a running VM down to leave it down: said once, tried again at the next check
            LadderDecision wait = LadderDecision.note(LadderAction.WOULD_ACT_BUT, d.reason() + ": would, but no other "
                    + "host fits: " + noRoom.get(), LadderRows.state(row));
            if (note(check, vm, edit, GuardActionKind.LADDER_WAIT, ActionOutcome.WAITING, wait)) {
                check.repository().saveVm(edit.row(check.now()));
            }
            return;
        }
        if (check.dryRun()) {
            if (d.shutdownFirst()) {
                dryRun(check, vm, draft(GuardActionKind.HARD_SHUTDOWN, vm, d.reason()));
            }
            dryRun(check, vm, draft(GuardActionKind.START_ON, vm, d.reason()));
            return;
        }
        check.repository().saveVm(advanced(check, edit, seen, d).row(check.now()));
        if (d.shutdownFirst() && !hardShutdown(check, vm, d)) {
            return;
        }
        VmRestarter.Result result = restarter.restartElsewhere(check.view(), vm.asHalted(), avoid,
                d.preferHostUuid(), d.reason());
        switch (result.outcome()) {
            // the restarter counted its own start_on in the row: the ladder's step is what the row must say
            case STARTED, ALREADY_RUNNING -> check.repository().saveVm(edit.startedOn(result.host().uuid(),
                    result.host().name()).row(check.now()));
            case NO_ROOM, BUSY, REFUSED -> {
                if (!d.shutdownFirst()) {
                    check.repository().saveVm(row);
                }
            }
            default -> check.repository().saveVm(edit.row(check.now()));
        }
    }

    /** VM.hard_shutdown before the start elsewhere; false (and said) when it did not happen. */
    private static boolean hardShutdown(GuardCheck check, VmView vm, LadderDecision d) {
        ActionDraft draft = draft(GuardActionKind.HARD_SHUTDOWN, vm, d.reason()).host(vm.residentOnUuid(),
                hostName(check, vm.residentOnUuid()));
        long id = check.journal().plan(check.poolUuid(), draft, check.now());
        Optional<String> refused = check.fence().refusal(check.poolUuid(), id);
        if (refused.isPresent()) {
            check.journal().finish(id, ActionOutcome.FAILED, "not done: " + refused.get(), check.now());
            return false;
        }
        try {
            check.xapi().hardShutdown(vm);
            check.journal().finish(id, ActionOutcome.DONE, "hard shutdown, to start it on another host: "
                    + d.reason(), check.now());
            return true;
        } catch (Types.XenAPIException e) {
            String why = "VM.hard_shutdown of " + vm.name() + " failed: " + XapiErrors.describe(e);
            check.journal().finish(id, ActionOutcome.FAILED, why, check.now());
            check.say(why);
            return false;
        }
    }

    private void giveUp(GuardCheck check, VmView vm, VmRowEdit edit, VmObservation seen, LadderDecision d) {
        ActionDraft draft = draft(GuardActionKind.GIVE_UP, vm, d.reason());
        if (check.dryRun()) {
            dryRun(check, vm, draft);
            return;
        }
        check.repository().saveVm(advanced(check, edit, seen, d).row(check.now()));
        check.journal().record(check.poolUuid(), draft, ActionOutcome.ALERT, false, check.now());
        check.say("ALERT " + vm.name() + ": " + d.reason());
        reinstall.ifPresent(command -> runReinstall(check, vm, command));
    }

    private static void runReinstall(GuardCheck check, VmView vm, ExternalCommand command) {
        Map<String, String> values = Map.of("vm", vm.name(), "uuid", vm.uuid(), "host",
                vm.residentOnUuid() == null ? "" : hostName(check, vm.residentOnUuid()));
        long id = check.journal().plan(check.poolUuid(), draft(GuardActionKind.REINSTALL, vm,
                "guard.reinstallCommand: " + ExternalCommand.shown(command.arguments(values))), check.now());
        Optional<String> refused = check.fence().refusal(check.poolUuid(), id);
        if (refused.isPresent()) {
            check.journal().finish(id, ActionOutcome.FAILED, "not run: " + refused.get(), check.now());
            return;
        }
        try {
            ExternalCommand.Result result = command.run(values);
            check.journal().finish(id, result.succeeded() ? ActionOutcome.DONE : ActionOutcome.FAILED,
                    result.shownCommand() + ": " + (result.exitCode() == null ? "killed after guard.reinstallTimeout"
                            : "exit " + result.exitCode()) + (result.output().isBlank() ? "" : ": "
                                    + result.output().strip()), check.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            check.journal().finish(id, ActionOutcome.FAILED, "interrupted", check.now());
        }
    }

    private static void reset(GuardCheck check, VmView vm, VmRowEdit edit, LadderDecision d) {
        ActionDraft draft = draft(GuardActionKind.LADDER_RESET, vm, d.reason());
        if (check.dryRun()) {
            dryRun(check, vm, draft);
            return;
        }
        check.repository().saveVm(edit.cleared(LadderAction.LADDER_RESET.dbValue(), check.now()).row(check.now()));
        check.journal().record(check.poolUuid(), draft, ActionOutcome.DONE, false, check.now());
        check.say(vm.name() + ": " + d.reason());
    }

    /** The row after the step: step, action, time, when the next step may come, attempts, the problem. */
    private static VmRowEdit advanced(GuardCheck check, VmRowEdit edit, VmObservation seen, LadderDecision d) {
        LadderState next = d.next();
        Instant now = check.now();
        Instant nextStepAt = next.step() == LadderStep.GAVE_UP ? null : now.plus(check.settings().ladderWait());
        return edit.problem(LadderRows.problem(seen), now).note(null)
                .step(next.step(), next.lastAction().orElse(d.action().dbValue()), now, nextStepAt, next.attempts());
    }

    /** What a dry run would do, recorded unless the newest dry run of that kind for the VM said the same. */
    private static void dryRun(GuardCheck check, VmView vm, ActionDraft draft) {
        String would = "would: " + draft.reason();
        Optional<GuardActionRow> last = check.journal().latestForVm(check.poolUuid(), vm.uuid(), draft.kind());
        if (last.isPresent() && last.get().dryRun() && would.equals(last.get().draft().reason())) {
            return;
        }
        check.journal().record(check.poolUuid(), draft.reason(would), ActionOutcome.DRY_RUN, true, check.now());
        check.say("dry run: " + vm.name() + ": " + would);
    }

    private static ActionDraft draft(GuardActionKind kind, VmView vm, String reason) {
        return ActionDraft.of(kind, reason).vm(vm.uuid(), vm.name());
    }

    private static String hostName(GuardCheck check, String hostUuid) {
        return check.view().host(hostUuid).map(h -> h.name()).orElse(hostUuid);
    }
}
