package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.constraints.Constraint;
import org.xcpbalancer.core.constraints.ConstraintModel;
import org.xcpbalancer.core.constraints.ConstraintTags;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ValueSource;
import org.xcpbalancer.manager.format.DataAge;
import org.xcpbalancer.manager.format.Numbers;

/** SHOW HOST &lt;uuid or name&gt;: every field of one host, labelled as the original tool did. */
public final class ShowHostCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW HOST <uuid or name>";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW HOST", USAGE, "every field of one host, as the original tool showed it")
                .completing(ValueSource.HOST);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        String key = arguments.restAsName("a host name or uuid", USAGE);
        PoolState state = context.poolState();
        HostState host = PoolLookup.host(state, key);
        List<String> lines = new ArrayList<>(List.of(
                "UUID - " + host.uuid(),
                "Total Memory (MB) - " + Numbers.orNotMeasured(host.memoryTotalMb(), 0),
                "Free Memory (MB) - " + Numbers.orNotMeasured(host.memoryFreeMb(), 0),
                "Xapi Memory Usage (MB) - " + Numbers.orNotMeasured(host.xapiMemoryUsageMb(), 0),
                "Xapi Free Memory (MB) - " + Numbers.orNotMeasured(host.xapiFreeMemoryMb(), 0),
                "Received data on the Physical Interface Lo (Kb/s) - " + Numbers.orNotMeasured(host.pifLoRxKb(), 0),
                "Transmitted data on the Physical Interface Lo (Kb/s) - " + Numbers.orNotMeasured(host.pifLoTxKb(), 0),
                "Received data on the Physical Interface Eth0 (Kb/s) - " + Numbers.orNotMeasured(host.pifEth0RxKb(), 0),
                "Transmitted data on the Physical Interface Eth0 (Kb/s) - " + Numbers.orNotMeasured(host.pifEth0TxKb(), 0),
                "Dom0 Load Average - " + Numbers.orNotMeasured(host.dom0LoadAvg(), 2),
                "Cpu Load Average - " + ShowVmCommand.percent(host.cpuAverage()),
                "Ip - " + (host.ip() == null ? Numbers.NOT_MEASURED : host.ip()),
                "Cpu Number - " + Numbers.orNotMeasured(host.cpuNum(), 0),
                "Name - " + host.name(),
                "Enabled - " + (host.enabled() ? "yes" : "no (disabled: it takes no VM)"),
                "Live - " + (host.live() == null ? "unknown" : host.live() ? "yes" : "no (XAPI sees it dead: its figures are not measured)")));
        lines.addAll(placementLines(host, state));
        var maintenance = context.maintenance().records().find(state.pool().id(), host.uuid())
                .filter(org.xcpbalancer.core.state.HostMaintenance::active);
        maintenance.ifPresent(m -> lines.addAll(MaintenanceText.lines(m)));
        DataAge age = DataAge.of(state.pool(), context.clock().instant(), context.staleAfter());
        Map<String, Object> json = new LinkedHashMap<>(age.json());
        Map<String, Object> hostJson = HostJson.of(host, state);
        hostJson.put("maintenance", maintenance.map(MaintenanceText::json).orElse(null));
        json.put("host", hostJson);
        return CommandOutput.of(lines, json).withWarnings(age.warnings());
    }

    /**
     * The host's labels and the run-on and prefer rules that name them, after the original fields; none for a
     * host without labels or rules, so the original output stays as it was.
     */
    private static List<String> placementLines(HostState host, PoolState state) {
        List<String> lines = new ArrayList<>();
        var labels = ConstraintTags.values(host.tags(), ConstraintTags.LABEL);
        if (!labels.isEmpty()) {
            lines.add("Labels - " + String.join(", ", labels));
        }
        ConstraintModel model = ConstraintModel.of(state);
        for (Constraint c : model.constraints()) {
            String vm = c.vmUuids().isEmpty() ? null : c.vmUuids().get(0);
            if (c.kind() == Constraint.Kind.RUN_ON && model.allows(vm, host.uuid())) {
                lines.add("Rule - " + c.name() + " may run here (" + c.title() + ")");
            } else if (c.kind() == Constraint.Kind.PREFER && model.prefers(vm, host.uuid())) {
                lines.add("Rule - " + c.name() + " prefers this host (" + c.title() + ")");
            }
        }
        return lines;
    }
}
