package org.xcpbalancer.manager.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.energy.EnergyEstimate;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ConsoleInputException;
import org.xcpbalancer.manager.format.Ages;
import org.xcpbalancer.manager.format.TextTable;
import org.xcpbalancer.manager.format.TextTable.Column;

/**
 * SHOW ENERGY [SINCE duration]: the pool's estimated energy over the period (default the last day), per host and
 * in total, against all hosts on: what density mode saved by powering hosts off.
 */
public final class ShowEnergyCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW ENERGY [SINCE <duration>]";
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(1);
    private static final Duration LONGEST = Duration.ofDays(366);

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW ENERGY", USAGE,
                "estimated energy of the hosts over a period (default 1d) and what powering hosts off saved")
                .withClauses(List.of("SINCE"));
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        Duration period = DEFAULT_PERIOD;
        if (arguments.acceptKeyword("SINCE")) {
            period = period(arguments.nextWord("a duration after SINCE (e.g. 12h, 7d)", USAGE));
        }
        arguments.expectEnd(USAGE);
        PoolRef pool = context.pool();
        Instant to = context.clock().instant();
        EnergyEstimate.Report report = context.energy().report(pool, to.minus(period), to);
        List<String> lines = new ArrayList<>();
        lines.add("Energy of pool " + pool.name() + " over the last " + DurationFormat.format(period)
                + ", estimated from the hosts' CPU load (density.hostWatts, density.idleWatts, density.maxWatts):");
        TextTable table = new TextTable(List.of(Column.left("HOST"), Column.right("OFF"), Column.right("USED kWh"),
                Column.right("SAVED kWh")));
        for (EnergyEstimate.HostEnergy host : report.hosts()) {
            table.row(List.of(host.name(), host.off().isZero() ? "-" : Ages.elapsed(host.off()), kwh(host.usedWh()),
                    kwh(host.savedWh())));
        }
        lines.addAll(table.render());
        lines.add(String.format(Locale.ROOT, "Total: used %s kWh; all hosts on %s kWh; saved %s kWh (%.1f %%).",
                kwh(report.usedWh()), kwh(report.allOnWh()), kwh(report.savedWh()), report.savedPercent()));
        return CommandOutput.of(lines, json(pool, period, report));
    }

    private static Duration period(String typed) {
        Duration duration;
        try {
            duration = DurationFormat.parse(typed);
        } catch (IllegalArgumentException e) {
            throw new ConsoleInputException("SINCE '" + InputEcho.shown(typed) + "' " + e.getMessage());
        }
        if (duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new ConsoleInputException("SINCE takes a duration from 1s to 366d, not '" + InputEcho.shown(typed) + "'");
        }
        return duration;
    }

    private static String kwh(double wh) {
        return String.format(Locale.ROOT, "%.3f", wh / 1000);
    }

    private static Map<String, Object> json(PoolRef pool, Duration period, EnergyEstimate.Report report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("from", report.from().toString());
        json.put("to", report.to().toString());
        json.put("periodSeconds", period.toSeconds());
        json.put("usedWh", report.usedWh());
        json.put("allOnWh", report.allOnWh());
        json.put("savedWh", report.savedWh());
        json.put("hosts", report.hosts().stream().map(h -> {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("name", h.name());
            host.put("offSeconds", h.off().toSeconds());
            host.put("usedWh", h.usedWh());
            host.put("savedWh", h.savedWh());
            return host;
        }).toList());
        return json;
    }
}
