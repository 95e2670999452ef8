package org.xcpbalancer.manager;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.manager.commands.Commands;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ConsoleSession;
import org.xcpbalancer.manager.console.LinePrompter;
import org.xcpbalancer.manager.console.LineSource;
import org.xcpbalancer.manager.console.OutputFormat;
import org.xcpbalancer.manager.console.Prompter;
import org.xcpbalancer.manager.console.StreamLineSource;

/**
 * Plays an administrator at the console through its input and output streams: interactive (prompts shown,
 * questions answered from the same input) or piped (no prompts, no questions).
 */
final class ConsoleDriver {
    static final Duration STALE_AFTER = Duration.ofMinutes(3);

    private final Database database;
    private Clock clock = Clock.fixed(PaperPoolFixture.NOW, ZoneOffset.UTC);
    private OutputFormat format = OutputFormat.TEXT;

    ConsoleDriver(Database database) {
        this.database = database;
    }

    ConsoleDriver at(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    ConsoleDriver format(OutputFormat newFormat) {
        this.format = newFormat;
        return this;
    }

    /** What the session printed, and its exit code. */
    record Transcript(String out, String err, ExitCode exitCode) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    Transcript interactive(String... lines) {
        return run(true, lines);
    }

    Transcript piped(String... lines) {
        return run(false, lines);
    }

    private Transcript run(boolean interactive, String... lines) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        BufferedReader in = new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
        LineSource stream = new StreamLineSource(in, outWriter, false);
        // A terminal echoes what is typed: the transcript then reads like the screen.
        LineSource source = !interactive ? stream : prompt -> {
            String line = stream.readLine(prompt);
            outWriter.println(prompt + (line == null ? "" : line));
            return line;
        };
        Prompter prompter = interactive ? new LinePrompter(source, outWriter) : Prompter.none();
        ConsoleContext context = new ConsoleContext(ConsoleContext.Repositories.of(database), prompter, clock, STALE_AFTER);
        ConsoleSession session = new ConsoleSession(Commands.registry(), context, format, outWriter, errWriter,
                interactive ? ConsoleSession.Mode.INTERACTIVE : ConsoleSession.Mode.PIPED, false);
        ExitCode code = session.run(source);
        return new Transcript(out.toString(), err.toString(), code);
    }
}
