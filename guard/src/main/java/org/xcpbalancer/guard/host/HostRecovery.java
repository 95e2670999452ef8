package org.xcpbalancer.guard.host;

import com.xensource.xenapi.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcpbalancer.guard.GuardCheck;
import org.xcpbalancer.guard.act.RestartOrder;
import org.xcpbalancer.guard.state.ActionDraft;
import org.xcpbalancer.guard.state.ActionOutcome;
import org.xcpbalancer.guard.state.GuardActionKind;
import org.xcpbalancer.guard.state.GuardHostRow;
import org.xcpbalancer.guard.state.GuardVmRow;
import org.xcpbalancer.guard.view.HostView;
import org.xcpbalancer.guard.view.VmView;
import org.xcpbalancer.xapi.XapiErrors;

/**
 * After a host is proven off: VM.power_state_reset on each protected VM XAPI still records running there, then
 * the restarts ({@link org.xcpbalancer.guard.act.VmRestarter}) in restart order. A VM reset at an earlier check but
 * not started since (no room then, or the guard stopped in between) is started with them: its GuardVm row says
 * problem host_dead, last action power_state_reset. The ladder leaves such VMs to this path.
 */
public final class HostRecovery {

    public void recover(GuardCheck check, HostView host, GuardHostRow row) {
        String why = "its host " + host.name() + " is dead and fenced (by " + row.fencedBy() + ")";
        List<VmView> toStart = new ArrayList<>();
        for (VmView vm : RestartOrder.sorted(check.view().residentOn(host.uuid()))) {
            if (vm.isProtected()) {
                reset(check, host, vm, why).ifPresent(toStart::add);
            }
        }
        for (GuardVmRow pending : check.repository().vms(check.poolUuid())) {
            if (pending.awaitingHostPathStart()) {
                check.view().vm(pending.vmUuid()).filter(v -> v.halted() && v.isProtected())
                        .filter(v -> toStart.stream().noneMatch(t -> t.uuid().equals(v.uuid())))
                        .ifPresent(toStart::add);
            }
        }
        if (!toStart.isEmpty()) {
            check.restarter().restartAll(check.view(), toStart, why);
        }
    }

    /** Resets the VM's power state; the VM as it is now (Halted), or empty when XAPI refused. */
    private static Optional<VmView> reset(GuardCheck check, HostView host, VmView vm, String why) {
        ActionDraft draft = ActionDraft.of(GuardActionKind.POWER_STATE_RESET, "").host(host.uuid(), host.name())
                .vm(vm.uuid(), vm.name());
        if (check.dryRun()) {
            String reason = "would reset the power state of " + vm.name() + ": " + why;
            check.journal().record(check.poolUuid(), draft.reason(reason), ActionOutcome.DRY_RUN, true, check.now());
            check.say("dry run: " + reason);
            return Optional.of(vm.asHalted());
        }
        long id = check.journal().plan(check.poolUuid(), draft.reason("reset the power state of " + vm.name()
                + ": " + why), check.now());
        Optional<String> refused = check.fence().refusal(check.poolUuid(), id);
        if (refused.isPresent()) {
            check.journal().finish(id, ActionOutcome.FAILED, "not done: " + refused.get(), check.now());
            return Optional.empty();
        }
        try {
            check.xapi().powerStateReset(vm);
        } catch (Types.XenAPIException e) {
            String reason = "VM.power_state_reset " + vm.name() + " failed: " + XapiErrors.describe(e);
            check.journal().finish(id, ActionOutcome.FAILED, reason, check.now());
            check.say(reason);
            return Optional.empty();
        }
        check.journal().finish(id, ActionOutcome.DONE, vm.name() + " reset to Halted: " + why, check.now());
        GuardVmRow vmRow = check.repository().vm(check.poolUuid(), vm.uuid())
                .orElse(GuardVmRow.fresh(check.poolUuid(), vm.uuid(), vm.name()))
                .withProblem(GuardVmRow.PROBLEM_HOST_DEAD, check.now());
        check.repository().saveVm(vmRow.withLastAction(GuardActionKind.POWER_STATE_RESET.dbValue(), check.now(),
                "Halted"));
        return Optional.of(vm.asHalted());
    }
}
