package org.xcpbalancer.manager.commands;

import java.time.Instant;
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
import org.xcpbalancer.manager.console.ConsoleInputException;
import org.xcpbalancer.manager.console.ValueSource;

/**
 * ENABLE HOST &lt;name&gt;: records that the host leaves maintenance. The pool's controller enables it
 * (host.enable) and balancing fills it again. Asks first on a terminal.
 */
public final class EnableHostCommand implements ConsoleCommand {
    private static final String USAGE = "ENABLE HOST <uuid or name>";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("ENABLE HOST", USAGE,
                "end a host's maintenance: the pool's controller enables it and balancing fills it again")
                .completing(ValueSource.HOST);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        String key = arguments.restAsName("a host name or uuid", USAGE);
        arguments.expectEnd(USAGE);
        PoolRef pool = context.pool();
        PoolState state = context.poolState();
        HostState host = PoolLookup.host(state, key);
        Optional<HostMaintenance> maintenance = context.maintenance().records().find(pool.id(), host.uuid()).filter(HostMaintenance::active);
        if (maintenance.isEmpty() && host.enabled()) {
            throw new ConsoleInputException(host.name() + " is enabled and not in maintenance: nothing to enable");
        }
        String now = maintenance.map(m -> m.describe()).orElse("disabled outside xcp-balancer");
        if (context.prompter().interactive() && !context.prompter().confirm("Enable " + host.name() + " (" + now
                + ") so that balancing fills it again? [Y/N]")) {
            return CommandOutput.of(List.of("Nothing recorded."), Map.of("pool", pool.name(), "recorded", false));
        }
        Instant at = context.clock().instant();
        HostMaintenance recorded = context.maintenance().records().requestEnable(pool.id(), host.uuid(), host.name(),
                PauseBalancingCommand.osUser() + " (xcp-manager)", at);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("recorded", true);
        json.put("maintenance", MaintenanceText.json(recorded));
        return CommandOutput.of(List.of("Enabling of " + host.name() + " recorded: " + EvacuateHostCommand.whoActs(context, pool)
                + " enables it; balancing then fills it again."), json);
    }
}
