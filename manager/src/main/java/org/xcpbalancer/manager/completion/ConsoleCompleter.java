package org.xcpbalancer.manager.completion;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.xcpbalancer.manager.console.CommandRegistry;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ValueSource;

/**
 * Tab completion for the console: keywords until a command is complete, then the command's argument from
 * its value source (subjects, hosts, VMs, pools, groups, tags,
 * commands after HELP), then its clause words (ORDER BY ...).
 */
public final class ConsoleCompleter implements Completer {
    private final CommandRegistry registry;
    private final Map<ValueSource, Completer> sources;

    public ConsoleCompleter(CommandRegistry registry, ConsoleContext context) {
        this.registry = registry;
        this.sources = Map.of(
                ValueSource.SUBJECT, new SubjectCompleter(),
                ValueSource.HOST, new HostCompleter(context),
                ValueSource.VM, new VmCompleter(context),
                ValueSource.POOL, new PoolCompleter(context),
                ValueSource.GROUP, new GroupCompleter(context),
                ValueSource.TAG, new TagCompleter(context));
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> typed = line.words().subList(0, line.wordIndex());
        new CommandCompleter(registry, 0).complete(reader, line, candidates);
        Optional<ConsoleCommand> command = registry.commands().stream()
                .filter(c -> c.syntax().keywords().size() <= typed.size())
                .filter(c -> registry.startingWith(typed.subList(0, c.syntax().keywords().size())).contains(c))
                .max(Comparator.comparingInt(c -> c.syntax().keywords().size()));
        if (command.isEmpty()) {
            return;
        }
        CommandSyntax syntax = command.get().syntax();
        int argumentIndex = typed.size() - syntax.keywords().size();
        if (syntax.argument() == ValueSource.COMMAND) {
            new CommandCompleter(registry, syntax.keywords().size()).complete(reader, line, candidates);
        } else if (syntax.argument() == ValueSource.SUBJECT) {
            // a rule goes on after its first subject (AND, SCORE terms): the subject completer reads the line
            sources.get(syntax.argument()).complete(reader, line, candidates);
        } else if (argumentIndex == 0 && syntax.argument() != ValueSource.NONE) {
            sources.get(syntax.argument()).complete(reader, line, candidates);
        } else {
            syntax.clauseWords().forEach(w -> candidates.add(new Candidate(w, w, null, null, null, null, true)));
        }
    }
}
