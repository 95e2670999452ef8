package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.state.HostSampleRow;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ValueSource;
import org.xcpbalancer.manager.format.Numbers;
import org.xcpbalancer.manager.format.Sparkline;
import org.xcpbalancer.manager.format.TextTable;
import org.xcpbalancer.manager.format.TextTable.Column;

/**
 * SHOW HISTORY HOST &lt;name&gt; [LIMIT n]: the host's recent collected samples, with sparklines of CPU (0-100 %)
 * and memory in use (0-total) so a trend shows at a glance, then the samples themselves.
 */
public final class ShowHistoryCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW HISTORY HOST <uuid or name> [LIMIT <n>]";
    private static final int DEFAULT_LIMIT = 30;
    private static final int TABLE_ROWS = 10;

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW HISTORY HOST", USAGE, "a host's recent samples with sparklines of CPU and memory")
                .completing(ValueSource.HOST).withClauses(List.of("LIMIT"));
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        String key = arguments.restAsName("a host name or uuid", USAGE, "LIMIT");
        int limit = arguments.limit(USAGE).orElse(DEFAULT_LIMIT);
        arguments.expectEnd(USAGE);
        PoolState state = context.poolState();
        HostState host = PoolLookup.host(state, key);
        List<HostSampleRow> newestFirst = context.history().recentHostSamples(state.pool().id(), host.uuid(), limit);
        List<HostSampleRow> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);

        List<String> lines = new ArrayList<>();
        if (oldestFirst.isEmpty()) {
            lines.add("No samples of host " + host.name() + " yet.");
        } else {
            long totalMb = oldestFirst.stream().filter(s -> s.memoryTotalMb() != null)
                    .mapToLong(HostSampleRow::memoryTotalMb).max().orElse(0);
            lines.add("Host " + host.name() + ": " + oldestFirst.size() + " samples, "
                    + ShowMigrationsCommand.WHEN.format(oldestFirst.get(0).sampledAt()) + " to "
                    + ShowMigrationsCommand.WHEN.format(oldestFirst.get(oldestFirst.size() - 1).sampledAt()) + " UTC");
            lines.add("CPU %     " + Sparkline.of(oldestFirst.stream().map(HostSampleRow::cpuAverage).toList(), 0, 100)
                    + "  (0-100)");
            lines.add("Memory MB " + Sparkline.of(oldestFirst.stream().map(s -> s.occupiedMemoryMb() == null ? null
                    : s.occupiedMemoryMb().doubleValue()).toList(), 0, totalMb) + "  (0-" + totalMb + ")");
            TextTable table = new TextTable(List.of(Column.left("SAMPLED (UTC)"), Column.right("CPU%"),
                    Column.right("MEMORY USED/TOTAL MB"), Column.right("VMS"), Column.right("ETH0 RX KB/S"),
                    Column.right("ETH0 TX KB/S")));
            newestFirst.stream().limit(TABLE_ROWS).forEach(s -> table.row(List.of(
                    ShowMigrationsCommand.WHEN.format(s.sampledAt()), Numbers.cell(s.cpuAverage(), 1),
                    Numbers.cell(s.occupiedMemoryMb()) + " / " + Numbers.cell(s.memoryTotalMb()),
                    Numbers.cell(s.vmCount()), Numbers.cell(s.pifEth0RxKb(), 1), Numbers.cell(s.pifEth0TxKb(), 1))));
            lines.addAll(table.render());
            if (newestFirst.size() > TABLE_ROWS) {
                lines.add("(the " + TABLE_ROWS + " newest of " + newestFirst.size() + " samples)");
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", state.pool().name());
        json.put("host", host.name());
        json.put("hostUuid", host.uuid());
        json.put("samples", newestFirst.stream().map(ShowHistoryCommand::json).toList());
        return CommandOutput.of(lines, json);
    }

    private static Map<String, Object> json(HostSampleRow s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sampledAt", s.sampledAt().toString());
        json.put("cpuAverage", s.cpuAverage());
        json.put("memoryTotalMb", s.memoryTotalMb());
        json.put("memoryFreeMb", s.memoryFreeMb());
        json.put("vmCount", s.vmCount());
        json.put("pifEth0RxKb", s.pifEth0RxKb());
        json.put("pifEth0TxKb", s.pifEth0TxKb());
        json.put("dom0LoadAvg", s.dom0LoadAvg());
        return json;
    }
}
