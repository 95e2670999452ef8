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
 * After a host is proven off: VM.power_state_reset on each protected VM XAPI still records running there
 * ({@link #reset}), then the restarts ({@link #startAll}) through {@link org.xcpbalancer.guard.act.VmRestarter}, in
 * restart order across every dead host of the check. A VM reset at an earlier check and not started since (no room
 * then, or the guard stopped in between) is started with them: its GuardVm row says problem host_dead, last action
 * power_state_reset ({@link GuardVmRow#awaitingHostPathStart}); one found running by then is marked started. The
 * ladder leaves such VMs to this path.
 */
public final class HostRecovery {

    /** Resets the protected VMs XAPI records on the fenced host; returns them as they are now (Halted). */
    public List<VmView> reset(GuardCheck check, HostView host, GuardHostRow row) {
        String why = "its host " + host.name() + " is dead and fenced (by " + row.fencedBy() + ")";
        List<VmView> reset = new ArrayList<>();
        for (VmView vm : RestartOrder.sorted(check.view().residentOn(host.uuid()))) {
            if (vm.isProtected()) {
                reset(check, host, vm, why).ifPresent(reset::add);
            }
        }
        return reset;
    }

    /** Starts the VMs just reset and those reset earlier and still halted, in restart order. */
    public void startAll(GuardCheck check, List<VmView> justReset, List<String> fencedHostNames) {
        List<VmView> toStart = new ArrayList<>(justReset);
        for (GuardVmRow pending : check.repository().vms(check.poolUuid())) {
            if (!pending.awaitingHostPathStart() || toStart.stream().anyMatch(t -> t.uuid().equals(pending.vmUuid()))) {
                continue;
            }
            Optional<VmView> vm = check.view().vm(pending.vmUuid());
            if (vm.isEmpty()) {
                continue;
            }
            if (vm.get().residentOnUuid() != null && !check.dryRun()) {
                String host = check.view().host(vm.get().residentOnUuid()).map(HostView::name).orElse("?");
                check.repository().saveVm(pending.restarted(GuardActionKind.START_ON.dbValue(), check.now(),
                        vm.get().residentOnUuid(), host));
            } else if (vm.get().halted() && vm.get().isProtected()) {
                toStart.add(vm.get());
            }
        }
        if (!toStart.isEmpty()) {
            String why = fencedHostNames.isEmpty() ? "reset by the guard after its host died"
                    : "protected, on " + String.join(", ", fencedHostNames) + " (dead and fenced)";
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
