package org.xcpbalancer.manager.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.completion.AnswerCompleter;
import org.xcpbalancer.manager.completion.ConsoleCompleter;
import org.xcpbalancer.manager.completion.ConsoleLineParser;
import org.xcpbalancer.manager.format.DataAge;

/**
 * The interactive console on the system terminal: JLine line editing, history kept in manager.historyFile
 * across sessions, tab completion, the original questions through {@link LinePrompter}.
 */
public final class TerminalConsole {
    private static final int HISTORY_SIZE = 1000;
    private final CommandRegistry registry;
    private final ConsoleContext.Repositories repositories;
    private final Clock clock;
    private final Duration staleAfter;
    private final Path historyFile;

    public TerminalConsole(CommandRegistry registry, ConsoleContext.Repositories repositories, Clock clock,
            Duration staleAfter, Path historyFile) {
        this.registry = registry;
        this.repositories = repositories;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.historyFile = historyFile;
    }

    public ExitCode run(OutputFormat format, Optional<PoolRef> pool, boolean debug) {
        try (Terminal terminal = TerminalBuilder.builder().name(ConsoleSession.PROGRAM).system(true).build()) {
            AtomicReference<Completer> commands = new AtomicReference<>();
            AnswerCompleter completer = new AnswerCompleter((r, line, candidates) -> commands.get().complete(r, line, candidates));
            PrintWriter out = terminal.writer();
            LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName(ConsoleSession.PROGRAM)
                    .parser(new ConsoleLineParser(registry))
                    .completer(completer)
                    .variable(LineReader.HISTORY_SIZE, HISTORY_SIZE)
                    .option(LineReader.Option.CASE_INSENSITIVE, true)
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                    // names may hold '!': no shell-style history expansion
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
            Path history = prepareHistoryFile(out);
            if (history != null) {
                builder.variable(LineReader.HISTORY_FILE, history);
            }
            LineReader reader = builder.build();
            LineSource source = new JLineLineSource(reader, completer);
            ConsoleContext context = new ConsoleContext(repositories, new LinePrompter(source, out), clock, staleAfter);
            commands.set(new ConsoleCompleter(registry, context));
            ConsoleSession session = new ConsoleSession(registry, context, format, out, out,
                    ConsoleSession.Mode.INTERACTIVE, debug);
            pool.ifPresent(context::usePool);
            banner(context, out);
            session.run(source);
            reader.getHistory().save();
            // Each failure was shown as it happened; an interactive session that ends normally exits 0.
            return ExitCode.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
    }

    private void banner(ConsoleContext context, PrintWriter out) {
        Optional<DataAge> age = context.poolIfKnown().map(pool -> DataAge.of(pool, clock.instant(), staleAfter));
        String where = age.map(a -> a.line() + ".")
                .orElse("No pool chosen: SHOW POOLS lists them, USE POOL <name> chooses one.");
        out.println("xcp-manager: " + where + " HELP lists the commands, EXIT quits.");
        age.ifPresent(a -> a.warnings().forEach(w -> out.println("Warning: " + w)));
        out.flush();
    }

    /** The history file, or null (no history kept) when it cannot be written: said once, never a stack trace. */
    private Path prepareHistoryFile(PrintWriter out) {
        try {
            Path parent = historyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.exists(historyFile) ? Files.isWritable(historyFile) : Files.isWritable(parent)) {
                return historyFile;
            }
        } catch (IOException e) {
            // reported below
        }
        out.println("Warning: the history cannot be kept in " + historyFile + " (manager.historyFile): it is not writable");
        return null;
    }
}
