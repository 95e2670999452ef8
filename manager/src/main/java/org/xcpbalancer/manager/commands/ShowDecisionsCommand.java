package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.VmState;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ValueSource;
import org.xcpbalancer.manager.data.DecisionRow;
import org.xcpbalancer.manager.format.Numbers;
import org.xcpbalancer.manager.format.TextTable;
import org.xcpbalancer.manager.format.TextTable.Column;

/**
 * SHOW DECISIONS [LIMIT n] and SHOW DECISIONS VM &lt;name&gt; [LIMIT n]: why xcp-control moved a VM or did not,
 * newest first, as it stored each decision (dry runs marked). For one VM: the decisions about it and those
 * about the whole pool (blocked, paused, balanced).
 */
public final class ShowDecisionsCommand implements ConsoleCommand {
    private static final int DEFAULT_LIMIT = 20;
    private final boolean forVm;

    private ShowDecisionsCommand(boolean forVm) {
        this.forVm = forVm;
    }

    public static ShowDecisionsCommand all() {
        return new ShowDecisionsCommand(false);
    }

    public static ShowDecisionsCommand forVm() {
        return new ShowDecisionsCommand(true);
    }

    private String usage() {
        return forVm ? "SHOW DECISIONS VM <uuid or name> [LIMIT <n>]" : "SHOW DECISIONS [LIMIT <n>]";
    }

    @Override
    public CommandSyntax syntax() {
        return forVm
                ? CommandSyntax.of("SHOW DECISIONS VM", usage(), "why xcp-control moved this VM or did not, newest first")
                        .completing(ValueSource.VM).withClauses(List.of("LIMIT"))
                : CommandSyntax.of("SHOW DECISIONS", usage(), "xcp-control's decisions with their reasons, newest first")
                        .withClauses(List.of("LIMIT"));
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        Optional<VmState> vm = Optional.empty();
        PoolRef pool = context.pool();
        if (forVm) {
            String key = arguments.restAsName("a VM name or uuid", usage(), "LIMIT");
            vm = Optional.of(PoolLookup.vm(context.poolState(), key));
        }
        int limit = arguments.limit(usage()).orElse(DEFAULT_LIMIT);
        arguments.expectEnd(usage());
        List<DecisionRow> decisions = context.decisions().recent(pool.id(), limit, vm.map(VmState::uuid));
        List<String> lines = new ArrayList<>();
        if (decisions.isEmpty()) {
            lines.add("No decisions recorded for " + vm.map(v -> "VM " + v.name() + " in ").orElse("")
                    + "pool " + pool.name() + " yet (xcp-control stores one per run at least).");
        } else {
            TextTable table = new TextTable(List.of(Column.left("WHEN (UTC)"), Column.right("RUN"),
                    Column.left("ACTION"), Column.left("RULE"), Column.left("HOST"), Column.left("VM"),
                    Column.left("REASON")));
            for (DecisionRow d : decisions) {
                table.row(List.of(ShowMigrationsCommand.WHEN.format(d.decidedAt()),
                        d.runId() + (d.dryRun() ? " (dry)" : ""), d.action(), rule(d),
                        d.hostName() == null ? "-" : d.hostName(), d.vmName() == null ? "-" : d.vmName(), d.reason()));
            }
            lines.addAll(table.render());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("vm", vm.map(VmState::name).orElse(null));
        json.put("decisions", decisions.stream().map(ShowDecisionsCommand::json).toList());
        return CommandOutput.of(lines, json);
    }

    private static String rule(DecisionRow d) {
        // an AND or SCORE rule is stored as typed, thresholds included
        return d.ruleSubject() == null ? "-" : d.ruleSubject().contains(" ") ? d.ruleSubject()
                : d.ruleSubject() + " > " + (d.ruleThreshold() == null ? "?" : Numbers.threshold(d.ruleThreshold()));
    }

    private static Map<String, Object> json(DecisionRow d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", d.id());
        json.put("runId", d.runId());
        json.put("dryRun", d.dryRun());
        json.put("decidedAt", d.decidedAt().toString());
        json.put("action", d.action());
        json.put("ruleSubject", d.ruleSubject());
        json.put("ruleThreshold", d.ruleThreshold());
        json.put("hostUuid", d.hostUuid());
        json.put("hostName", d.hostName());
        json.put("vmUuid", d.vmUuid());
        json.put("vmName", d.vmName());
        json.put("reason", d.reason());
        return json;
    }
}
