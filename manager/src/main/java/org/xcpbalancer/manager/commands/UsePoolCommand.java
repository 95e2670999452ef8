package org.xcpbalancer.manager.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ConsoleInputException;
import org.xcpbalancer.manager.console.ValueSource;
import org.xcpbalancer.manager.format.DataAge;

/** USE POOL &lt;name or uuid&gt;: the pool the following commands work on (the only pool is used by default). */
public final class UsePoolCommand implements ConsoleCommand {
    private static final String USAGE = "USE POOL <name or uuid>";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("USE POOL", USAGE, "work on this pool (with one pool in the database it is the default)")
                .completing(ValueSource.POOL);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        String key = arguments.restAsName("a pool name or uuid", USAGE);
        PoolRef pool = context.poolStates().pool(key).orElseThrow(() -> new ConsoleInputException(
                "no pool named or with uuid '" + InputEcho.shown(key.strip()) + "' (SHOW POOLS lists them)"));
        context.usePool(pool);
        PoolState state = context.poolStates().load(pool);
        DataAge age = DataAge.of(state.pool(), context.clock().instant(), context.staleAfter());
        String line = "Using pool " + pool.name() + ": " + state.hosts().size() + " hosts, "
                + state.vms().stream().filter(v -> !v.controlDomain()).count() + " VMs, "
                + age.collected() + ".";
        Map<String, Object> json = new LinkedHashMap<>(age.json());
        json.put("hosts", state.hosts().size());
        return CommandOutput.of(List.of(line), json).withWarnings(age.warnings());
    }
}
