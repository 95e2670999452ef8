package org.xcpbalancer.manager.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.state.PoolPause;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;

/** RESUME BALANCING: ends the pause of the pool in use; xcp-control's next run balances again. */
public final class ResumeBalancingCommand implements ConsoleCommand {
    private static final String USAGE = "RESUME BALANCING";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("RESUME BALANCING", USAGE, "end PAUSE BALANCING: xcp-control's next run balances again");
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        arguments.expectEnd(USAGE);
        PoolRef pool = context.pool();
        Optional<PoolPause> ended = context.pauses().resume(pool.id(), context.clock().instant(),
                PauseBalancingCommand.osUser());
        String line = ended.map(p -> "Balancing of pool " + pool.name() + " resumed (it was paused "
                + ShowStatusCommand.pauseText(p, context.clock().instant()) + ").")
                .orElse("Balancing of pool " + pool.name() + " was not paused: nothing to resume.");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("resumed", ended.isPresent());
        json.put("pause", ended.map(PauseBalancingCommand::json).orElse(null));
        return CommandOutput.of(List.of(line), json);
    }
}
