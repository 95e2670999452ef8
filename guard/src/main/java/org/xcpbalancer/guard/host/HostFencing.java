package org.xcpbalancer.guard.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.guard.GuardCheck;
import org.xcpbalancer.guard.act.ExternalCommand;
import org.xcpbalancer.guard.state.ActionDraft;
import org.xcpbalancer.guard.state.ActionOutcome;
import org.xcpbalancer.guard.state.GuardActionKind;
import org.xcpbalancer.guard.state.GuardHostRow;
import org.xcpbalancer.guard.state.HostGuardState;
import org.xcpbalancer.guard.view.HostView;

/**
 * Proof that a dead host is off before anything of it is restarted (never two copies of a VM writing one disk):
 * an operator's CONFIRM HOST DOWN (GuardHost.ConfirmedAt), else guard.fenceCommand with exit 0. Without either,
 * the host stays dead and the guard waits, saying why once; a failed fence command is an alert and is tried again
 * at the next check.
 */
public final class HostFencing {
    private final Optional<ExternalCommand> command;

    public HostFencing(Optional<ExternalCommand> command) {
        this.command = command;
    }

    public GuardHostRow prove(GuardCheck check, HostView host, GuardHostRow row) {
        ActionDraft draft = ActionDraft.of(GuardActionKind.FENCE, "").host(host.uuid(), host.name());
        if (row.confirmedByOperator()) {
            String reason = host.name() + " is off by the word of " + row.confirmedBy() + " (CONFIRM HOST DOWN at "
                    + row.confirmedAt() + ")";
            record(check, draft.reason(reason), ActionOutcome.DONE);
            return row.fenced(GuardHostRow.FENCED_BY_OPERATOR, reason, check.now());
        }
        if (command.isEmpty()) {
            boolean firstTime = row.state() != HostGuardState.DEAD || row.declaredDeadAt().equals(row.lastCheckedAt());
            String reason = "waiting for proof that " + host.name() + " is off before restarting its VMs: no"
                    + " guard.fenceCommand is set; after checking it is powered off, run xcp-manager -e \"CONFIRM HOST DOWN "
                    + host.name() + "\"";
            if (firstTime) {
                record(check, ActionDraft.of(GuardActionKind.AWAIT_CONFIRMATION, reason).host(host.uuid(), host.name()),
                        ActionOutcome.WAITING);
            }
            return row.withState(HostGuardState.DEAD, reason, check.now());
        }
        ExternalCommand fence = command.get();
        Map<String, String> values = placeholders(host);
        String shown = ExternalCommand.shown(fence.arguments(values));
        if (check.dryRun()) {
            String reason = "would fence " + host.name() + " with: " + shown;
            record(check, draft.reason(reason), ActionOutcome.DRY_RUN);
            return row.fenced(GuardHostRow.FENCED_BY_COMMAND, reason, check.now());
        }
        long id = check.journal().plan(check.poolUuid(), draft.reason("fence " + host.name() + " with: " + shown),
                check.now());
        Optional<String> refused = check.fence().refusal(check.poolUuid(), id);
        if (refused.isPresent()) {
            check.journal().finish(id, ActionOutcome.FAILED, "not run: " + refused.get(), check.now());
            return row;
        }
        ExternalCommand.Result result;
        try {
            result = fence.run(values);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            check.journal().finish(id, ActionOutcome.FAILED, "interrupted while fencing " + host.name(), check.now());
            return row;
        }
        String output = result.output().isEmpty() ? "" : "; output: " + result.output();
        if (result.succeeded()) {
            String reason = host.name() + " fenced by: " + shown + " (exit 0)" + output;
            check.journal().finish(id, ActionOutcome.DONE, reason, check.now());
            check.say(reason);
            return row.fenced(GuardHostRow.FENCED_BY_COMMAND, reason, check.now());
        }
        String reason = "fencing " + host.name() + " failed (" + (result.exitCode() == null ? "timed out"
                : "exit " + result.exitCode()) + ") with: " + shown + output
                + "; nothing of it restarted, tried again at the next check";
        check.journal().finish(id, ActionOutcome.FAILED, reason, check.now());
        check.say(reason);
        return row.withState(HostGuardState.FENCE_FAILED, reason, check.now());
    }

    private static Map<String, String> placeholders(HostView host) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("host", host.name());
        values.put("uuid", host.uuid());
        values.put("address", host.address());
        values.put("ipmi", host.ipmiAddress());
        return values;
    }

    private static void record(GuardCheck check, ActionDraft draft, ActionOutcome outcome) {
        check.journal().record(check.poolUuid(), draft, check.dryRun() ? ActionOutcome.DRY_RUN : outcome,
                check.dryRun(), check.now());
        check.say((check.dryRun() ? "dry run: " : "") + draft.reason());
    }
}
