package org.xcpbalancer.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program's main class in a child JVM with the test class path, as bin/xcp-* would, its stdout and
 * stderr kept in files. A child that has not ended when the limit passes is killed and reported as such.
 */
public final class ChildProgram {
    /**
     * The start of a line a program wrote into a file or pipe: an ISO-8601 timestamp (2026-12-01T11:19:07.123+01:00
     * or ...Z) and a space; a regular expression to put before the text expected after it.
     */
    public static final String STAMP = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) ";

    /** What the child printed; exitCode is -1 when it had to be killed. */
    public record Result(int exitCode, String out, String err, boolean killed, Duration took) {
        public String all() {
            return out + err;
        }
    }

    private ChildProgram() {
    }

    public static Result run(Path dir, Class<?> main, Duration limit, String... args) throws IOException, InterruptedException {
        List<String> command = command(main, args);
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Result(ended ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), !ended, took);
    }

    /**
     * Starts the program and leaves it running (a service, or a run to kill midway), stdout and stderr together in
     * the log as a journal would keep them; stdin is empty.
     */
    public static Process start(Class<?> main, Path log, String... args) throws IOException {
        return new ProcessBuilder(command(main, args)).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    /**
     * Waits until a line of the file (where a started program writes) contains the text, and returns that line; fails
     * at once when the program ends first, and when the limit passes.
     */
    public static String awaitLine(Path file, String text, Process process, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + " before printing \"" + text + "\": "
                        + Files.readString(file, StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" in " + file + " after " + limit);
    }

    private static List<String> command(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
