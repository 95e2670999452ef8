package org.xcpbalancer.core.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.log.LogFormat;
import org.xcpbalancer.core.log.ProgramOutput;
import picocli.CommandLine;

/**
 * Runs a picocli command the way every xcp-balancer executable behaves: usage errors and
 * {@link UserFacingException}s become one line on stderr and a distinct exit code; anything else becomes one
 * line and exit code 1. Stack traces only with --debug.
 */
public final class Launcher {
    private Launcher() {
    }

    /** Runs the command and exits the JVM with its code. */
    public static void main(String programName, Object command, String[] args) {
        System.exit(run(programName, command, args));
    }

    /**
     * For the programs whose output is a log (xcp-collect, xcp-control, xcp-sim): as
     * {@link #main(String, Object, String[])}, with every line written to a file or pipe timestamped (or JSON,
     * --log-format). The command is made after the output is set up, as it keeps System.out and System.err from its constructor. --help and --version
     * print as always: they are read by people and scripts, not shipped to a log.
     */
    public static void main(String programName, String[] args, Supplier<Object> command) {
        if (!asksForHelpOrVersion(args)) {
            ProgramOutput.install(programName, logFormat(args));
        }
        System.exit(run(programName, command.get(), args));
    }

    /**
     * Stamps stderr (errors, warnings, log lines) when it is not a terminal, or as JSON with --log-format json, and
     * leaves stdout as printed: for the programs whose stdout is data read by scripts and monitoring (xcp-manager's
     * reports, xcp-status's Nagios line). Call it before the command is made, as that keeps System.err.
     */
    public static void stampStderr(String programName, String[] args) {
        if (!asksForHelpOrVersion(args)) {
            ProgramOutput.installStderrOnly(programName, logFormat(args));
        }
    }

    private static boolean asksForHelpOrVersion(String[] args) {
        List<String> given = Arrays.asList(args);
        return given.contains("--help") || given.contains("-h") || given.contains("--version") || given.contains("-V");
    }

    /**
     * --log-format, read before picocli parses anything so that the very first line has its form; a wrong value
     * is left to picocli, which says so in one line.
     */
    static LogFormat logFormat(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith(LogFormatOption.NAME + "=")
                    ? args[i].substring(LogFormatOption.NAME.length() + 1)
                    : args[i].equals(LogFormatOption.NAME) && i + 1 < args.length ? args[i + 1] : null;
            if (value != null && value.equalsIgnoreCase("json")) {
                return LogFormat.JSON;
            }
        }
        return LogFormat.TEXT;
    }

    /** Runs the command and returns its exit code; tests call this. */
    public static int run(String programName, Object command, String[] args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        configureLogging(debug);
        CommandLine commandLine = commandLine(programName, command);
        commandLine.setParameterExceptionHandler((ex, ignoredArgs) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(programName + ": " + CredentialMask.mask(ex.getMessage()) + " (try --help)");
            err.flush();
            return ExitCode.BAD_INPUT.code();
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> report(programName, ex, debug, cmd.getErr()));
        commandLine.setExecutionStrategy(parseResult -> {
            Database.runFlywayAtEveryOpen(parseResult.hasMatchedOption(CommonOptions.MIGRATE));
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine.execute(args);
    }

    /** The command as every program presents it: its name, the shared exit code list and --version. */
    public static CommandLine commandLine(String programName, Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCommandName(programName);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        ProgramHelp.apply(programName, commandLine.getCommandSpec());
        return commandLine;
    }

    static int report(String programName, Throwable ex, boolean debug, PrintWriter err) {
        if (ex instanceof UserFacingException userFacing) {
            err.println(programName + ": " + userFacing.getMessage());
            if (debug) {
                err.print(CredentialMask.stackTrace(ex));
            }
            err.flush();
            return userFacing.exitCode().code();
        }
        String detail = ex.getMessage() == null ? ex.getClass().getSimpleName()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        err.println(programName + ": unexpected error: " + CredentialMask.mask(detail)
                + (debug ? "" : " (run with --debug for details)"));
        if (debug) {
            err.print(CredentialMask.stackTrace(ex));
        }
        err.flush();
        return ExitCode.FAILURE.code();
    }

    /** Quiet by default (warnings and our own info on stderr); --debug turns everything up. */
    public static void configureLogging(boolean debug) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (debug) {
                root.setLevel(Level.DEBUG);
                context.getLogger("org.xcpbalancer").setLevel(Level.DEBUG);
            } else {
                // HikariCP logs a lost connection at WARN with a stack trace; the programs' one-line "database
                // cannot be reached" error (exit 5) says the same, so without --debug that log keeps to errors.
                context.getLogger("com.zaxxer.hikari.pool.ProxyConnection").setLevel(Level.ERROR);
            }
        }
    }
}
