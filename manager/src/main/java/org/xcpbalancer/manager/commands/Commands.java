package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.xcpbalancer.manager.console.CommandRegistry;
import org.xcpbalancer.manager.console.ConsoleCommand;

/** Every console command, in the order HELP lists them: the original tool's first, then the new ones. */
public final class Commands {
    private Commands() {
    }

    public static CommandRegistry registry() {
        AtomicReference<CommandRegistry> registry = new AtomicReference<>();
        List<ConsoleCommand> commands = new ArrayList<>(List.of(
                new ShowVmsCommand(), new ShowVmCommand(), new ShowHostsCommand(), new ShowHostCommand(),
                new ShowRulesCommand(), new CreateRuleCommand(), new DeleteRuleCommand(),
                new ShowMigrationsCommand(), new ShowHistoryCommand(), new ShowRunsCommand(),
                new ShowConstraintsCommand(), new ShowTagCommand(),
                ShowDecisionsCommand.all(), ShowDecisionsCommand.forVm(), new ShowStatusCommand(), new ShowEnergyCommand(),
                new PauseBalancingCommand(), new ResumeBalancingCommand(),
                new ShowGuardCommand(), new ConfirmHostDownCommand(),
                new EvacuateHostCommand(), new EnableHostCommand(),
                new ShowPoolsCommand(), new UsePoolCommand(),
                new HelpCommand(registry::get), new ExitCommand("EXIT"), new ExitCommand("QUIT")));
        registry.set(new CommandRegistry(commands));
        return registry.get();
    }
}
