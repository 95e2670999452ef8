package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandRegistry;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ConsoleInputException;
import org.xcpbalancer.manager.console.ValueSource;

/** HELP [words]: every command (or those starting with the words) with its usage and what it does. */
public final class HelpCommand implements ConsoleCommand {
    private final Supplier<CommandRegistry> registry;

    /** The registry is supplied late: HELP is itself one of its commands. */
    public HelpCommand(Supplier<CommandRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("HELP", "HELP [<command>]", "this list; HELP SHOW lists the SHOW commands")
                .completing(ValueSource.COMMAND);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        List<String> words = new ArrayList<>();
        while (arguments.hasMore()) {
            words.add(arguments.nextWord("a command", "HELP [<command>]"));
        }
        List<ConsoleCommand> commands = registry.get().startingWith(words);
        if (commands.isEmpty()) {
            throw new ConsoleInputException("no command starts with '" + InputEcho.shown(String.join(" ", words)) + "' (HELP lists them)");
        }
        int width = commands.stream().mapToInt(c -> c.syntax().usage().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        for (ConsoleCommand command : commands) {
            CommandSyntax syntax = command.syntax();
            lines.add(String.format("%-" + width + "s  %s", syntax.usage(), syntax.summary()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("usage", syntax.usage());
            entry.put("summary", syntax.summary());
            json.add(entry);
        }
        if (words.isEmpty()) {
            lines.add("");
            lines.add("Words are case-insensitive. Names with spaces work as typed (SHOW VM VM1 - Debian) or quoted.");
            lines.add("Tab completes commands, subjects, host and VM names, groups and tags. Ctrl-D also quits.");
        }
        return CommandOutput.of(lines, Map.of("commands", json));
    }
}
