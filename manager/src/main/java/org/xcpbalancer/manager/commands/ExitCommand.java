package org.xcpbalancer.manager.commands;

import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;

/** EXIT and QUIT (one class, registered under both words): end the session. */
public final class ExitCommand implements ConsoleCommand {
    private final String word;

    public ExitCommand(String word) {
        this.word = word;
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(word, word, "leave the console (Ctrl-D too)");
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        arguments.expectEnd(word);
        return CommandOutput.exitConsole();
    }
}
