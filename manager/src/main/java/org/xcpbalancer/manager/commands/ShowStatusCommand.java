package org.xcpbalancer.manager.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.state.PoolPause;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.format.Ages;
import org.xcpbalancer.manager.status.GuardStatus;
import org.xcpbalancer.manager.status.PoolStatus;

/**
 * SHOW STATUS: for every pool in the database, whether balancing is working: the age of the last successful
 * collection and control run, the newest error, migrations in flight, the rules, the pause in force, and
 * xcp-guard's summary where it runs.
 */
public final class ShowStatusCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW STATUS";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW STATUS", USAGE,
                "per pool: last collection and control run, last error, migrations in flight, rules, paused or not");
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        arguments.expectEnd(USAGE);
        Instant now = context.clock().instant();
        List<PoolRef> pools = context.poolStates().pools();
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        if (pools.isEmpty()) {
            lines.add("No pool in the database yet: run xcp-collect first.");
        }
        for (PoolRef pool : pools) {
            PoolStatus status = context.status().status(pool, now);
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(text(status));
            Map<String, Object> poolJson = json(status);
            lines.addAll(modeAndMaintenance(context, pool, poolJson));
            json.add(poolJson);
        }
        return CommandOutput.of(lines, Map.of("pools", json));
    }

    private static List<String> text(PoolStatus s) {
        List<String> lines = new ArrayList<>();
        lines.add("Pool " + s.pool().name() + " (" + s.pool().uuid() + ")");
        lines.add("  Balancing:   " + s.pause().map(p -> "PAUSED " + pauseText(p, s.now())).orElse("active"));
        lines.add("  Collected:   " + s.collectionAge().map(a -> Ages.describe(a) + " ago").orElse("never"));
        lines.add("  Controlled:  " + s.lastGoodControl().map(r -> Ages.describe(Duration.between(r.finishedAt(), s.now()))
                + " ago (" + r.outcome() + ")").orElse("never"));
        s.lastControl().filter(r -> s.lastGoodControl().map(g -> g.id() != r.id()).orElse(true))
                .ifPresent(r -> lines.add("  Last run:    " + Ages.describe(Duration.between(r.finishedAt(), s.now()))
                        + " ago: " + r.outcome()));
        lines.add("  Last error:  " + s.lastError().map(e -> e.program() + ", " + Ages.describe(Duration.between(e.at(), s.now()))
                + " ago: " + e.text()).orElse("none"));
        lines.add("  In flight:   " + (s.inFlight().isEmpty() ? "no migration" : s.inFlight().size() + " migration(s)"));
        for (PoolStatus.InFlight m : s.inFlight()) {
            lines.add("    " + m.vmName() + ": " + m.from() + " -> " + m.to() + " (" + m.state() + " "
                    + Ages.describe(Duration.between(m.since(), s.now())) + " ago)");
        }
        lines.add("  Rules:       " + (s.rules().isEmpty() ? "none (CREATE RULE HOST adds one)"
                : String.join("; ", s.rules().stream().map(RuleText::sentence).toList())));
        if (s.guard().guarded()) {
            lines.add("  Guard:       " + guardText(s.guard()));
        }
        return lines;
    }

    /** "last check 8 s ago, acting (XAPI's HA is off); hosts down: Host2 (fenced); gave up on: web" (SHOW GUARD has more). */
    static String guardText(GuardStatus g) {
        StringBuilder text = new StringBuilder(ShowGuardCommand.checkText(g));
        if (!g.hostsDown().isEmpty()) {
            text.append("; hosts down: ").append(String.join(", ", g.hostsDown().stream()
                    .map(h -> h.name() + " (" + h.state() + ")").toList()));
        }
        if (!g.hostsSuspected().isEmpty()) {
            text.append("; suspected: ").append(String.join(", ", g.hostsSuspected().stream()
                    .map(GuardStatus.Host::name).toList()));
        }
        if (!g.vmsGivenUp().isEmpty()) {
            text.append("; gave up on: ").append(String.join(", ", g.vmsGivenUp().stream()
                    .map(GuardStatus.Vm::name).toList()));
        }
        return text.toString();
    }

    /**
     * The mode the controller ran in last (performance or density, as control.mode and control.schedule chose it)
     * and the hosts in maintenance, after the other lines; the same in the pool's JSON.
     */
    private static List<String> modeAndMaintenance(ConsoleContext context, PoolRef pool, Map<String, Object> json) {
        List<String> lines = new ArrayList<>();
        var mode = context.maintenance().latestMode(pool.id());
        lines.add("  Mode:        " + mode.map(m -> m + " (last control run)")
                .orElse("not recorded yet (no control run since maintenance and modes came)"));
        var hosts = context.maintenance().records().active(pool.id()).values().stream()
                .sorted(java.util.Comparator.comparing(org.xcpbalancer.core.state.HostMaintenance::hostName)).toList();
        if (!hosts.isEmpty()) {
            lines.add("  Maintenance: " + String.join("; ", hosts.stream()
                    .map(m -> m.hostName() + " (" + MaintenanceText.cell(m).replaceFirst("^[a-z]+: ", "") + ")").toList()));
        }
        json.put("mode", mode.orElse(null));
        json.put("hostsInMaintenance", hosts.stream().map(MaintenanceText::json).toList());
        return lines;
    }

    /** "by alice 5 min ago, until 2026-11-22 18:00:00 UTC (in 1 h 55 min): kernel upgrades". */
    static String pauseText(PoolPause p, Instant now) {
        return "by " + p.pausedBy() + " " + Ages.describe(Duration.between(p.pausedAt(), now)) + " ago, "
                + p.pausedUntil().map(u -> "until " + ShowMigrationsCommand.WHEN.format(u) + " UTC (in "
                        + Ages.describe(Duration.between(now, u)) + ")").orElse("until RESUME BALANCING")
                + p.reason().map(r -> ": " + r).orElse("");
    }

    private static Map<String, Object> json(PoolStatus s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", s.pool().name());
        json.put("poolUuid", s.pool().uuid());
        json.put("collectedAt", s.pool().lastCollectedAt().map(Instant::toString).orElse(null));
        json.put("collectionAgeSeconds", s.collectionAge().map(Duration::toSeconds).orElse(null));
        json.put("lastSuccessfulControlRun", s.lastGoodControl().map(ShowStatusCommand::run).orElse(null));
        json.put("controlAgeSeconds", s.controlAge().map(Duration::toSeconds).orElse(null));
        json.put("lastControlRun", s.lastControl().map(ShowStatusCommand::run).orElse(null));
        json.put("lastError", s.lastError().map(e -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("program", e.program());
            error.put("at", e.at().toString());
            error.put("text", e.text());
            return error;
        }).orElse(null));
        json.put("migrationsInFlight", s.inFlight().stream().map(m -> {
            Map<String, Object> move = new LinkedHashMap<>();
            move.put("vmName", m.vmName());
            move.put("from", m.from());
            move.put("to", m.to());
            move.put("state", m.state());
            move.put("since", m.since().toString());
            return move;
        }).toList());
        json.put("rules", s.rules().stream().map(RuleText::json).toList());
        json.put("paused", s.paused());
        json.put("pause", s.pause().map(PauseBalancingCommand::json).orElse(null));
        json.put("guard", s.guard().guarded() ? ShowGuardCommand.json(s.guard()) : null);
        return json;
    }

    private static Map<String, Object> run(PoolStatus.Run r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("startedAt", r.startedAt().toString());
        json.put("finishedAt", r.finishedAt().toString());
        json.put("outcome", r.outcome());
        json.put("summary", r.summary());
        return json;
    }
}
