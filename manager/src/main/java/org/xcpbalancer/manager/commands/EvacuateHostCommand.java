package org.xcpbalancer.manager.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ValueSource;

/**
 * EVACUATE HOST &lt;name&gt; [REASON text]: records that the host is to be emptied for maintenance. The pool's
 * controller (xcp-service, or the next xcp-control run) disables it, moves its running VMs with the same placement
 * check as balancing and leaves it disabled; SHOW HOST follows it. On a terminal it asks first, as DELETE RULE HOST
 * does; on one line from a script (-e) it does not.
 */
public final class EvacuateHostCommand implements ConsoleCommand {
    private static final String USAGE = "EVACUATE HOST <uuid or name> [REASON <text>]";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("EVACUATE HOST", USAGE,
                "disable the host and move its VMs away for maintenance (the pool's controller does it; SHOW HOST follows it)")
                .completing(ValueSource.HOST).withClauses(List.of("REASON"));
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        String key = arguments.restAsName("a host name or uuid", USAGE, "REASON");
        Optional<String> reason = Optional.empty();
        if (arguments.acceptKeyword("REASON")) {
            reason = Optional.of(arguments.restAsName("a text after REASON", USAGE).strip()).filter(r -> !r.isEmpty());
        }
        arguments.expectEnd(USAGE);
        PoolRef pool = context.pool();
        PoolState state = context.poolState();
        HostState host = PoolLookup.host(state, key);
        long guests = HostJson.guestCount(host, state);
        if (context.prompter().interactive() && !context.prompter().confirm("Evacuate " + host.name() + " (" + guests
                + " running VM(s)) and keep it disabled for maintenance? [Y/N]")) {
            return CommandOutput.of(List.of("Nothing recorded."), Map.of("pool", pool.name(), "recorded", false));
        }
        Instant now = context.clock().instant();
        HostMaintenance recorded = context.maintenance().records().request(pool.id(), host.uuid(), host.name(),
                HostMaintenance.DisabledBy.EVACUATE, reason, PauseBalancingCommand.osUser() + " (xcp-manager)", now);
        List<String> lines = new ArrayList<>();
        lines.add("Evacuation of " + host.name() + " recorded (" + guests + " running VM(s)): " + whoActs(context, pool)
                + " disables it, moves its VMs and leaves it disabled. SHOW HOST " + host.name() + " follows it.");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("recorded", true);
        json.put("maintenance", MaintenanceText.json(recorded));
        return CommandOutput.of(lines, json);
    }

    /** "xcp-service instance 'a' (which leases the pool)" or "the next xcp-control run". */
    static String whoActs(ConsoleContext context, PoolRef pool) {
        return context.maintenance().leaseHolder(pool.uuid()).map(h -> "xcp-service instance '" + h.owner() + "' (which leases the pool)")
                .orElse("the next xcp-control run on the pool");
    }
}
