package org.xcpbalancer.guard;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.xcpbalancer.guard.state.ActionJournal;
import org.xcpbalancer.guard.state.ActionOutcome;
import org.xcpbalancer.guard.state.GuardActionKind;
import org.xcpbalancer.guard.state.GuardActionRow;
import org.xcpbalancer.guard.state.GuardRepository;
import org.xcpbalancer.guard.state.GuardVmRow;
import org.xcpbalancer.guard.view.HostView;
import org.xcpbalancer.guard.view.PoolView;
import org.xcpbalancer.guard.view.VmView;

/**
 * Actions another guard planned and never finished (it was killed, or its machine stopped), settled from what XAPI
 * says now, before anything new is done. Run while holding the pool's guard lock, so no other guard is at work on
 * the pool: every unfinished row of another owner is abandoned. A start found running is done (and never made
 * again); a power_state_reset found Halted is done and its VM is left for the host path to start; anything else
 * failed, and the next check decides again from the state it reads.
 */
final class AbandonedActions {
    private AbandonedActions() {
    }

    static void settle(PoolView view, ActionJournal journal, GuardRepository repository, String me, Instant now,
            Consumer<String> say) {
        for (GuardActionRow row : journal.unfinished(view.poolUuid())) {
            if (me.equals(row.owner())) {
                continue;
            }
            Optional<VmView> vm = Optional.ofNullable(row.draft().vmUuid()).flatMap(view::vm);
            String who = "the guard that planned it (" + row.owner() + ") stopped before finishing it";
            String vmName = vm.map(VmView::name).orElse(row.draft().vmName());
            if (row.kind() == GuardActionKind.START_ON && vm.isPresent() && vm.get().residentOnUuid() != null) {
                String host = view.host(vm.get().residentOnUuid()).map(HostView::name).orElse("?");
                journal.finish(row.id(), ActionOutcome.DONE, vmName + " found running on " + host + ": " + who
                        + "; not started again", now);
                GuardVmRow vmRow = repository.vm(view.poolUuid(), vm.get().uuid())
                        .orElse(GuardVmRow.fresh(view.poolUuid(), vm.get().uuid(), vmName));
                repository.saveVm(vmRow.restarted(GuardActionKind.START_ON.dbValue(), now, vm.get().residentOnUuid(), host));
                say.accept("action " + row.id() + " (start " + vmName + "): found running on " + host
                        + " after its guard stopped; not started again");
            } else if (row.kind() == GuardActionKind.POWER_STATE_RESET && vm.isPresent() && vm.get().halted()) {
                journal.finish(row.id(), ActionOutcome.DONE, vmName + " found Halted: " + who, now);
                GuardVmRow vmRow = repository.vm(view.poolUuid(), vm.get().uuid())
                        .orElse(GuardVmRow.fresh(view.poolUuid(), vm.get().uuid(), vmName))
                        .withProblem(GuardVmRow.PROBLEM_HOST_DEAD, now);
                repository.saveVm(vmRow.withLastAction(GuardActionKind.POWER_STATE_RESET.dbValue(), now, "Halted"));
            } else {
                journal.finish(row.id(), ActionOutcome.FAILED, who + "; decided again from what XAPI says now", now);
                say.accept("action " + row.id() + " (" + row.kind().dbValue() + (vmName == null ? "" : " " + vmName)
                        + ") was left unfinished by " + row.owner() + ": marked failed, decided again");
            }
        }
    }
}
