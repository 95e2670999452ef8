package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
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
 * SHOW HOSTS: the original list, "- UUID - NAME" per host. With FULL, LIKE or ORDER BY: an aligned table with
 * CPU, memory used/total and VMs per host, and how old the figures are.
 */
public final class ShowHostsCommand implements ConsoleCommand {
    static final String USAGE = "SHOW HOSTS [FULL] [LIKE <text>] [ORDER BY <column> [ASC|DESC]]";
    private static final List<String> COLUMNS = List.of("NAME", "STATE", "CPU%", "CPUS", "MEMORY", "MEMORY%", "VMS", "LOAD", "IP", "UUID");

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW HOSTS", USAGE,
                "every host as \"- UUID - NAME\"; FULL, LIKE or ORDER BY give a table with CPU, memory and VMs")
                .withClauses(ListingClauses.completionWords(COLUMNS));
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        ListingClauses clauses = ListingClauses.parse(arguments, COLUMNS, USAGE);
        PoolState state = context.poolState();
        DataAge age = DataAge.of(state.pool(), context.clock().instant(), context.staleAfter());
        List<HostState> hosts = state.hosts().stream().filter(h -> clauses.matches(h.name())).toList();
        Map<String, HostMaintenance> maintenance = context.maintenance().records().active(state.pool().id());
        hosts = clauses.sort(hosts, Map.of(
                "NAME", HostState::name,
                "STATE", h -> state(h, maintenance),
                "CPU%", HostState::cpuAverage,
                "CPUS", HostState::cpuNum,
                "MEMORY", HostState::occupiedMemoryMb,
                "MEMORY%", ShowHostsCommand::memoryPercent,
                "VMS", h -> HostJson.guestCount(h, state),
                "LOAD", HostState::dom0LoadAvg,
                "IP", HostState::ip,
                "UUID", HostState::uuid), HostState::name);

        List<String> lines = new ArrayList<>();
        if (clauses.table()) {
            lines.add(age.line());
            TextTable table = new TextTable(List.of(Column.left("NAME"), Column.left("STATE"), Column.right("CPU%"), Column.right("CPUS"),
                    Column.right("MEMORY USED/TOTAL MB"), Column.right("MEMORY%"), Column.right("VMS"),
                    Column.right("LOAD"), Column.left("IP"), Column.left("UUID")));
            for (HostState host : hosts) {
                table.row(List.of(host.name() == null ? "-" : host.name(), state(host, maintenance), Numbers.cell(host.cpuAverage(), 1),
                        Numbers.cell(host.cpuNum()),
                        Numbers.cell(host.occupiedMemoryMb()) + " / " + Numbers.cell(host.memoryTotalMb()),
                        Numbers.cell(memoryPercent(host), 1), Long.toString(HostJson.guestCount(host, state)),
                        Numbers.cell(host.dom0LoadAvg(), 2), host.ip() == null ? "-" : host.ip(), host.uuid()));
            }
            lines.addAll(table.render());
            lines.add(hosts.size() + " host" + (hosts.size() == 1 ? "" : "s"));
        } else {
            hosts.forEach(host -> lines.add("- " + host.uuid() + " - " + host.name()));
        }
        Map<String, Object> json = new LinkedHashMap<>(age.json());
        json.put("hosts", hosts.stream().map(h -> {
            Map<String, Object> host = HostJson.of(h, state);
            host.put("maintenance", Optional.ofNullable(maintenance.get(h.uuid())).map(MaintenanceText::json).orElse(null));
            return host;
        }).toList());
        return CommandOutput.of(lines, json).withWarnings(age.warnings());
    }

    /**
     * "up", "not live", "disabled", "disabled, not live", or "live unknown" before the collector has seen its
     * metrics: a dead host's figures read "-", and this says why. A host in maintenance says so
     * ("disabled, maintenance: empty").
     */
    static String state(HostState host, Map<String, HostMaintenance> maintenance) {
        String live = host.live() == null ? "live unknown" : host.live() ? "" : "not live";
        String enabled = host.enabled() ? "" : "disabled";
        String inMaintenance = Optional.ofNullable(maintenance.get(host.uuid())).map(MaintenanceText::cell).orElse("");
        String all = String.join(", ", java.util.stream.Stream.of(enabled, live, inMaintenance).filter(s -> !s.isEmpty())
                .toList());
        return all.isEmpty() ? "up" : all;
    }

    static Double memoryPercent(HostState host) {
        Long used = host.occupiedMemoryMb();
        return used == null || host.memoryTotalMb() == null || host.memoryTotalMb() == 0 ? null
                : 100.0 * used / host.memoryTotalMb();
    }
}
