package org.xcpbalancer.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * Runs the real executables through their bin/ launchers, as an administrator would: separate processes, their
 * own JVMs, talking to each other only through XAPI and the database.
 */
public final class Programs {
    /** JVM options for short runs: C1 only and the serial collector start a CLI about a third faster. */
    public static final String SHORT_RUN_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";
    private final Path home;

    public Programs(Path home) {
        this.home = home.toAbsolutePath().normalize();
        if (!Files.isExecutable(bin("xcp-collect"))) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "no xcp-balancer checkout at " + this.home
                    + " (bin/xcp-collect missing); run bin/xcp-demo from the checkout");
        }
    }

    /** The checkout: -Dxcp.home from the bin/ launcher, else the working directory or its parent. */
    public static Programs fromEnvironment() {
        String home = System.getProperty("xcp.home");
        if (home != null) {
            return new Programs(Path.of(home));
        }
        Path here = Path.of("").toAbsolutePath();
        return new Programs(Files.isDirectory(here.resolve("bin")) ? here : here.getParent());
    }

    public Path home() {
        return home;
    }

    public Path bin(String program) {
        return home.resolve("bin").resolve(program);
    }

    /** Starts a program; its output is read by the caller. */
    public Process start(String program, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(bin(program).toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("XCP_") && !k.equals("XCP_JAVA_OPTS"));
        // The programs run for seconds: start them fast rather than optimise them for hours.
        builder.environment().putIfAbsent("XCP_JAVA_OPTS", SHORT_RUN_JVM_OPTIONS);
        return builder.start();
    }

    /** Runs a program to its end, passing each stdout line to the listener as it comes; stdin is closed. */
    public ProgramRun run(String program, List<String> arguments, Duration timeout, Consumer<String> stdoutListener)
            throws IOException, InterruptedException {
        Process process = start(program, arguments);
        process.getOutputStream().close();
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        Thread out = pump(process.getInputStream(), line -> {
            stdout.add(line);
            stdoutListener.accept(line);
        });
        Thread err = pump(process.getErrorStream(), stderr::add);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            throw new UserFacingException(ExitCode.TIMEOUT, program + " " + String.join(" ", arguments)
                    + " did not finish within " + timeout.toSeconds() + " s");
        }
        out.join();
        err.join();
        return new ProgramRun(program, arguments, process.exitValue(), stdout, stderr);
    }

    public ProgramRun run(String program, List<String> arguments, Duration timeout)
            throws IOException, InterruptedException {
        return run(program, arguments, timeout, line -> { });
    }

    static Thread pump(InputStream stream, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        }, "output-pump");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
