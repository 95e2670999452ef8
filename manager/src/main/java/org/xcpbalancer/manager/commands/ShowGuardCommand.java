package org.xcpbalancer.manager.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.format.Ages;
import org.xcpbalancer.manager.format.TextTable;
import org.xcpbalancer.manager.format.TextTable.Column;
import org.xcpbalancer.manager.status.GuardStatus;

/**
 * SHOW GUARD: what xcp-guard knows of the pool in use: its last check and whether it stands down for XAPI's HA,
 * the hosts it does not hold up (suspected, dead, fenced, confirmed down), and the protected VMs with their
 * power state, state (healthy or the problem seen), ladder step and last action. Read from the database only.
 */
public final class ShowGuardCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW GUARD";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW GUARD", USAGE,
                "xcp-guard: last check, hosts suspected/dead/fenced, protected VMs and their ladder step");
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        arguments.expectEnd(USAGE);
        PoolRef pool = context.pool();
        GuardStatus status = context.guard().status(pool, context.clock().instant());
        return CommandOutput.of(text(status), json(status));
    }

    static List<String> text(GuardStatus s) {
        List<String> lines = new ArrayList<>();
        lines.add("Guard of pool " + s.pool().name() + ": " + checkText(s));
        List<GuardStatus.Host> notUp = s.hosts().stream().filter(h -> !"up".equals(h.state())).toList();
        if (notUp.isEmpty()) {
            lines.add("Hosts: all up");
        } else {
            lines.add("Hosts not up:");
            TextTable hosts = new TextTable(List.of(Column.left("HOST"), Column.left("STATE"), Column.right("MISSED"),
                    Column.left("SINCE (UTC)"), Column.left("FENCED BY"), Column.left("CONFIRMED BY")));
            for (GuardStatus.Host h : notUp) {
                hosts.row(List.of(h.name(), h.state(), Integer.toString(h.missedChecks()), when(h.since()),
                        h.fencedBy().orElse("-"), h.confirmedBy().orElse("-")));
            }
            hosts.render().forEach(line -> lines.add("  " + line));
        }
        if (s.vms().isEmpty()) {
            lines.add(noVmsText(s));
        } else {
            lines.add("Protected VMs (" + s.vms().size() + "):");
            TextTable vms = new TextTable(List.of(Column.left("VM"), Column.left("POWER"), Column.left("STATE"),
                    Column.left("STEP"),
                    Column.left("LAST ACTION"), Column.left("WHEN (UTC)"), Column.left("REASON")));
            for (GuardStatus.Vm v : s.vms()) {
                vms.row(List.of(v.name(), v.powerState().orElse("-"), v.state(), v.ladderStep(), v.lastAction().orElse("-"),
                        when(v.lastActionAt()), v.lastReason().orElse("-")));
            }
            vms.render().forEach(line -> lines.add("  " + line));
        }
        return lines;
    }

    /** Why no protected VM is listed: no check yet, only dry runs (which write none), or truly none. */
    static String noVmsText(GuardStatus s) {
        if (!s.guarded()) {
            return "Protected VMs: none known yet: xcp-guard has not checked this pool";
        }
        if (s.onlyDryRuns()) {
            return "Protected VMs: none recorded yet: only dry runs checked this pool (they record nothing; "
                    + "the first real check does)";
        }
        return "Protected VMs: none (ha_restart_priority restart/best-effort or tag xcp-balancer:guard=restart)";
    }

    /** "last check 8 s ago, acting" / "..., standing down: ..." / "never checked: ...". */
    static String checkText(GuardStatus s) {
        if (!s.guarded()) {
            return "never checked (xcp-guard has not run on this pool)";
        }
        return "last check " + Ages.describe(s.checkAge().get()) + " ago, " + (s.standsDownForHa()
                ? "standing down: XAPI's HA is on (pool.ha_enabled), xapi restarts the VMs"
                : "acting (XAPI's HA is off)");
    }

    private static String when(Optional<Instant> at) {
        return at.map(ShowMigrationsCommand.WHEN::format).orElse("-");
    }

    static Map<String, Object> json(GuardStatus s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", s.pool().name());
        json.put("poolUuid", s.pool().uuid());
        json.put("lastCheckAt", s.lastCheckAt().map(Instant::toString).orElse(null));
        json.put("checkAgeSeconds", s.checkAge().map(a -> a.toSeconds()).orElse(null));
        json.put("standsDownForHa", s.standsDownForHa());
        json.put("onlyDryRuns", s.onlyDryRuns());
        json.put("hosts", s.hosts().stream().map(h -> {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("name", h.name());
            host.put("uuid", h.uuid());
            host.put("state", h.state());
            host.put("missedChecks", h.missedChecks());
            host.put("since", h.since().map(Instant::toString).orElse(null));
            host.put("fencedBy", h.fencedBy().orElse(null));
            host.put("confirmedBy", h.confirmedBy().orElse(null));
            return host;
        }).toList());
        json.put("vms", s.vms().stream().map(v -> {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("name", v.name());
            vm.put("uuid", v.uuid());
            vm.put("powerState", v.powerState().orElse(null));
            vm.put("state", v.state());
            vm.put("ladderStep", v.ladderStep());
            vm.put("lastAction", v.lastAction().orElse(null));
            vm.put("lastActionAt", v.lastActionAt().map(Instant::toString).orElse(null));
            vm.put("lastReason", v.lastReason().orElse(null));
            return vm;
        }).toList());
        return json;
    }
}
