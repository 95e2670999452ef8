package org.xcpbalancer.manager.console;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;
import org.xcpbalancer.core.cli.CredentialMask;
import org.xcpbalancer.core.cli.ErrorText;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.state.PoolRef;

/**
 * Runs console lines one at a time, the same way for the terminal, piped input and -e: a bad line is one
 * clear error line, nothing is written, and the session goes on. The exit code is that of the first failed
 * command, so scripts see any failure.
 */
public final class ConsoleSession {
    /** How lines arrive; decides prompts and how errors are labelled. */
    public enum Mode { INTERACTIVE, PIPED, SCRIPT }

    public static final String PROGRAM = "xcp-manager";

    private final CommandRegistry registry;
    private final ConsoleContext context;
    private final OutputFormat format;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Mode mode;
    private final boolean debug;
    private ExitCode exitCode = ExitCode.OK;
    private int lineNumber;

    public ConsoleSession(CommandRegistry registry, ConsoleContext context, OutputFormat format, PrintWriter out,
            PrintWriter err, Mode mode, boolean debug) {
        this.registry = registry;
        this.context = context;
        this.format = format;
        this.out = out;
        this.err = err;
        this.mode = mode;
        this.debug = debug;
    }

    /** Reads and runs lines until the input ends or EXIT / QUIT; returns the session's exit code. */
    public ExitCode run(LineSource source) {
        while (true) {
            String line = source.readLine(prompt());
            if (line == null || !execute(line)) {
                break;
            }
        }
        return exitCode;
    }

    /** Runs one line; false when it was EXIT or QUIT. Blank lines and # or -- comments are skipped. */
    public boolean execute(String rawLine) {
        lineNumber++;
        String line = stripTerminator(rawLine.strip());
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("--")) {
            return true;
        }
        try {
            List<Token> tokens = LineTokenizer.tokenize(line);
            CommandRegistry.Match match = registry.find(tokens)
                    .orElseThrow(() -> unknownCommand(tokens));
            ConsoleCommand command = match.command();
            CommandArguments arguments = new CommandArguments(command.syntax().name(), line,
                    tokens.subList(match.argumentsFrom(), tokens.size()));
            CommandOutput output = command.execute(arguments, context);
            print(output);
            return !output.exit();
        } catch (UserFacingException e) {
            fail(e.exitCode(), e.getMessage(), e);
        } catch (DataAccessException e) {
            fail(ExitCode.DATABASE_UNREACHABLE, "the database cannot be reached: " + ErrorText.rootCauseLine(e), e);
        } catch (RuntimeException e) {
            fail(ExitCode.FAILURE, "unexpected error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + ErrorText.rootCauseLine(e)) + (debug ? "" : " (run with --debug for details)"), e);
        }
        return true;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** "xcp-manager> ", or "xcp-manager [pool]> " once a pool is known. */
    public String prompt() {
        if (mode != Mode.INTERACTIVE) {
            return "";
        }
        Optional<PoolRef> pool = context.lastPool();
        return pool.map(p -> PROGRAM + " [" + p.name() + "]> ").orElse(PROGRAM + "> ");
    }

    private ConsoleInputException unknownCommand(List<Token> tokens) {
        List<String> words = tokens.stream().map(Token::text).toList();
        for (int n = Math.min(words.size(), 3); n >= 1; n--) {
            List<ConsoleCommand> candidates = registry.startingWith(words.subList(0, n));
            if (!candidates.isEmpty() && n == words.size()) {
                return new ConsoleInputException("incomplete command '" + InputEcho.shown(String.join(" ", words).toUpperCase())
                        + "': " + String.join(", ", candidates.stream().map(c -> c.syntax().usage()).toList()));
            }
        }
        String typed = String.join(" ", words.subList(0, Math.min(words.size(), 3)));
        return new ConsoleInputException("unknown command '" + InputEcho.shown(typed) + "' (HELP lists the commands)");
    }

    private void print(CommandOutput output) {
        if (format == OutputFormat.JSON && output.json() != null) {
            out.println(JsonOutput.render(output.json()));
        } else if (format == OutputFormat.TEXT) {
            // Names come from the pool and may hold a newline or ESC: one VM stays one line, the terminal stays ours.
            output.lines().forEach(line -> out.println(InputEcho.escaped(line)));
        }
        out.flush();
        output.warnings().forEach(w -> err.println((mode == Mode.INTERACTIVE ? "" : label()) + "Warning: "
                + InputEcho.escaped(w)));
        err.flush();
    }

    private void fail(ExitCode code, String message, Throwable e) {
        if (exitCode == ExitCode.OK) {
            exitCode = code;
        }
        // The catch-all: whatever a message quotes (input, names from the pool), no raw control character reaches
        // the terminal.
        err.println(label() + InputEcho.escaped(CredentialMask.mask(message)));
        if (debug) {
            err.print(CredentialMask.stackTrace(e));
        }
        err.flush();
    }

    private String label() {
        return switch (mode) {
            case INTERACTIVE -> "Error: ";
            case PIPED -> PROGRAM + ": line " + lineNumber + ": ";
            case SCRIPT -> PROGRAM + ": ";
        };
    }

    private static String stripTerminator(String line) {
        return line.endsWith(";") ? line.substring(0, line.length() - 1).strip() : line;
    }

}
