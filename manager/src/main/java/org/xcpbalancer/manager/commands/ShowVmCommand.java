package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmState;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ValueSource;
import org.xcpbalancer.manager.format.DataAge;
import org.xcpbalancer.manager.format.Numbers;

/** SHOW VM &lt;uuid or name&gt;: every field of one VM, labelled as the original tool did. */
public final class ShowVmCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW VM <uuid or name>";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW VM", USAGE, "every field of one VM, as the original tool showed it")
                .completing(ValueSource.VM);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        String key = arguments.restAsName("a VM name or uuid", USAGE);
        PoolState state = context.poolState();
        VmState vm = PoolLookup.vm(state, key);
        List<String> lines = new ArrayList<>(List.of(
                "UUID - " + vm.uuid(),
                "Total Memory (MB) - " + Numbers.orNotMeasured(vm.memoryMb(), 0),
                "Free Memory (MB) - " + Numbers.orNotMeasured(vm.memoryInternalFreeMb(), 0),
                "Transmitted data on the Virtual Interface (Kb/s) - " + Numbers.orNotMeasured(vm.vif0TxKb(), 0),
                "Received data on the Virtual Interface (Kb/s) - " + Numbers.orNotMeasured(vm.vif0RxKb(), 0),
                "VCpu Average - " + percent(vm.vcpuAverage()),
                "VCpu Number - " + Numbers.orNotMeasured(vm.vcpuNum(), 0),
                "Power State - " + (vm.powerState() == null ? Numbers.NOT_MEASURED : vm.powerState()),
                "Control Domain - " + vm.controlDomain(),
                "Name - " + vm.name(),
                "Host - " + host(vm, state),
                "Tags - " + (vm.tags().isEmpty() ? "none" : String.join(", ", vm.tags().stream().sorted().toList()))));
        lines.addAll(placementLines(vm, state));
        DataAge age = DataAge.of(state.pool(), context.clock().instant(), context.staleAfter());
        Map<String, Object> json = new LinkedHashMap<>(age.json());
        json.put("vm", VmJson.of(vm, state));
        return CommandOutput.of(lines, json).withWarnings(age.warnings());
    }

    /** "Host1 (uuid)", or why there is none. */
    private static String host(VmState vm, PoolState state) {
        if (vm.hostUuid() == null) {
            return "none (not running)";
        }
        return state.host(vm.hostUuid()).map(h -> h.name() + " (" + h.uuid() + ")").orElse(vm.hostUuid());
    }

    /**
     * Groups, rules and what keeps XAPI from migrating the VM, after the original fields; none for a VM without
     * any, so the original output stays as it was.
     */
    private static List<String> placementLines(VmState vm, PoolState state) {
        List<String> lines = new ArrayList<>();
        List<String> groups = state.groups().stream().filter(g -> vm.groupUuids().contains(g.uuid()))
                .map(g -> g.name() + " (VM_group, " + g.placement() + ")").toList();
        if (!groups.isEmpty()) {
            lines.add("Groups - " + String.join(", ", groups));
        }
        ConstraintView.of(vm, state).forEach(line -> lines.add("Constraint - " + line));
        if (!vm.migratable() && !vm.controlDomain()) {
            lines.add("Migratable - no (allowed_operations lacks pool_migrate"
                    + (vm.passthrough() == null ? "" : "; " + vm.passthrough() + " attached")
                    + (vm.currentOperation() == null ? "" : "; current operation " + vm.currentOperation()) + ")");
        }
        if (vm.haRestartPriority() != null && !vm.haRestartPriority().isEmpty()) {
            lines.add("HA Restart Priority - " + vm.haRestartPriority());
        }
        return lines;
    }

    static String percent(Double value) {
        return value == null ? Numbers.NOT_MEASURED : Numbers.plain(value, 0) + "%";
    }
}
