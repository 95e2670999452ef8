package org.xcpbalancer.core.log;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a program's stdout, stderr and log lines look. On a terminal, as always: bare lines, and log lines with a
 * short clock time. Into a file, a pipe, journald or cron mail: every line starts with an ISO-8601 timestamp
 * (and the pool being handled); with --log-format json every line is a JSON object. Each stream is judged on
 * its own, so `xcp-collect 2>>collect.log` stamps the log and leaves the terminal alone.
 *
 * <p>{@link #install} (or {@link #installStderrOnly}) is called once by the launcher of a real program; tests that
 * run commands in-process never install it and see their streams unchanged.
 */
public final class ProgramOutput {
    private static volatile String program = "xcp-balancer";
    private static volatile LogFormat format = LogFormat.TEXT;
    private static volatile boolean stampLogs;
    private static volatile PrintStream logStream;

    private ProgramOutput() {
    }

    /** Replaces System.out and System.err by stamping streams where they are not a terminal (all of them for json). */
    public static void install(String programName, LogFormat logFormat) {
        install(programName, logFormat, true);
    }

    /**
     * As {@link #install(String, LogFormat)} for a program whose stdout is data read by scripts and monitoring
     * (xcp-manager's reports and --format json, xcp-status's Nagios line): stdout stays exactly as printed, only
     * stderr (errors, warnings, log lines) is stamped.
     */
    public static void installStderrOnly(String programName, LogFormat logFormat) {
        install(programName, logFormat, false);
    }

    private static synchronized void install(String programName, LogFormat logFormat, boolean stdoutIsLog) {
        program = programName;
        format = logFormat;
        boolean stampOut = stdoutIsLog && (logFormat == LogFormat.JSON || !isTerminal(1));
        boolean stampErr = logFormat == LogFormat.JSON || !isTerminal(2);
        PrintStream rawErr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (stampOut) {
            System.setOut(stamping(new FileOutputStream(FileDescriptor.out), logFormat, programName, "INFO"));
        }
        if (stampErr) {
            System.setErr(stamping(new FileOutputStream(FileDescriptor.err), logFormat, programName, null));
        }
        // Log lines are stamped by the log appender itself (it knows their level), so they bypass the stamping stream.
        logStream = rawErr;
        stampLogs = stampErr;
    }

    private static PrintStream stamping(FileOutputStream target, LogFormat logFormat, String programName, String level) {
        return new PrintStream(new StampingOutputStream(target, StampingOutputStream.programLines(logFormat,
                programName, level)), true, StandardCharsets.UTF_8);
    }

    /** Where log lines go: the real stderr once installed, else whatever System.err is now (tests capture it). */
    static PrintStream logStream() {
        PrintStream installed = logStream;
        return installed != null ? installed : System.err;
    }

    /** True when log lines carry a full timestamp (or are JSON) rather than the terminal's short clock time. */
    static boolean stampLogs() {
        return stampLogs;
    }

    static LogFormat format() {
        return format;
    }

    static String program() {
        return program;
    }

    /** True when stdout is a terminal (a progress bar may be redrawn there), false for a file or pipe. */
    public static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    /**
     * Whether file descriptor fd is a terminal. Linux tells through /proc/self/fd; elsewhere only
     * System.console() is known, which asks about stdin and stdout together.
     */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (Exception notLinux) {
            return System.console() != null;
        }
    }
}
