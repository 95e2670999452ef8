package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmState;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.format.DataAge;
import org.xcpbalancer.manager.format.Numbers;
import org.xcpbalancer.manager.format.TextTable;
import org.xcpbalancer.manager.format.TextTable.Column;

/**
 * SHOW VMS: the original list, "- UUID - NAME" per VM ("- UUID - Control domain on host: HOSTNAME" for a
 * control domain). With FULL, LIKE or ORDER BY: an aligned table with the figures and how old they are.
 */
public final class ShowVmsCommand implements ConsoleCommand {
    static final String USAGE = "SHOW VMS [FULL] [LIKE <text>] [ORDER BY <column> [ASC|DESC]]";
    static final String CONTROL_DOMAIN_PREFIX = "Control domain on host: ";
    private static final List<String> COLUMNS = List.of("NAME", "HOST", "STATE", "VCPUS", "CPU%", "MEMORY", "UUID");

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW VMS", USAGE,
                "every VM as \"- UUID - NAME\"; FULL, LIKE or ORDER BY give a table with host, CPU and memory")
                .withClauses(ListingClauses.completionWords(COLUMNS));
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        ListingClauses clauses = ListingClauses.parse(arguments, COLUMNS, USAGE);
        PoolState state = context.poolState();
        DataAge age = DataAge.of(state.pool(), context.clock().instant(), context.staleAfter());
        Function<VmState, String> hostName = vm -> vm.hostUuid() == null ? null
                : state.host(vm.hostUuid()).map(HostState::name).orElse(vm.hostUuid());
        // Guests first, control domains last: the VMs an administrator manages lead the list.
        List<VmState> vms = state.vms().stream().filter(vm -> clauses.matches(vm.name()))
                .sorted(Comparator.comparing(VmState::controlDomain)).toList();
        vms = clauses.sort(vms, Map.of(
                "NAME", VmState::name,
                "HOST", vm -> hostName.apply(vm),
                "STATE", VmState::powerState,
                "VCPUS", VmState::vcpuNum,
                "CPU%", VmState::vcpuAverage,
                "MEMORY", VmState::memoryMb,
                "UUID", VmState::uuid), VmState::name);

        List<String> lines = new ArrayList<>();
        if (clauses.table()) {
            lines.add(age.line());
            TextTable table = new TextTable(List.of(Column.left("NAME"), Column.left("HOST"), Column.left("STATE"),
                    Column.right("VCPUS"), Column.right("CPU%"), Column.right("MEMORY USED/TOTAL MB"), Column.left("UUID")));
            for (VmState vm : vms) {
                table.row(List.of(vm.name() == null ? "-" : vm.name(), orDash(hostName.apply(vm)),
                        orDash(vm.powerState()), Numbers.cell(vm.vcpuNum()), Numbers.cell(vm.vcpuAverage(), 1),
                        memory(vm), vm.uuid()));
            }
            lines.addAll(table.render());
            lines.add(vms.size() + " VM" + (vms.size() == 1 ? "" : "s"));
        } else {
            for (VmState vm : vms) {
                lines.add("- " + vm.uuid() + " - " + originalName(vm, state));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>(age.json());
        json.put("vms", vms.stream().map(vm -> VmJson.of(vm, state)).toList());
        return CommandOutput.of(lines, json).withWarnings(age.warnings());
    }

    /** The original tool named a control domain after the host it runs on. */
    static String originalName(VmState vm, PoolState state) {
        if (vm.controlDomain() && vm.hostUuid() != null) {
            return state.host(vm.hostUuid()).map(h -> CONTROL_DOMAIN_PREFIX + h.name()).orElse(vm.name());
        }
        return vm.name();
    }

    private static String memory(VmState vm) {
        String used = vm.memoryMb() == null || vm.memoryInternalFreeMb() == null ? "-"
                : Long.toString(vm.memoryMb() - vm.memoryInternalFreeMb());
        return used + " / " + Numbers.cell(vm.memoryMb());
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
