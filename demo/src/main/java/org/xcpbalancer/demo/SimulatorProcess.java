package org.xcpbalancer.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/** bin/xcp-sim as a child process: started, waited for until it prints its ready line, stopped with SIGTERM. */
public final class SimulatorProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("XAPI simulator ready at (http://\\S+)");
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI url;
    private final List<String> stderr;
    /** Stops the child when this JVM is stopped (Ctrl-C) before close(): no simulator left running alone. */
    private final Thread reaper;

    private SimulatorProcess(Process process, URI url, List<String> stderr) {
        this.process = process;
        this.url = url;
        this.stderr = stderr;
        this.reaper = new Thread(process::destroy, "xcp-sim-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public static SimulatorProcess start(Programs programs, Path scenario, List<String> extraArguments)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--scenario", scenario.toString(), "--port", "0"));
        arguments.addAll(extraArguments);
        Process process = programs.start("xcp-sim", arguments);
        process.getOutputStream().close();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        Programs.pump(process.getInputStream(), line -> {
            Matcher matcher = READY.matcher(line);
            if (matcher.find()) {
                ready.complete(URI.create(matcher.group(1)));
            }
        });
        Programs.pump(process.getErrorStream(), stderr::add);
        process.onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException("xcp-sim exited")));
        try {
            return new SimulatorProcess(process, ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), stderr);
        } catch (ExecutionException | TimeoutException e) {
            process.destroy();
            String why = stderr.isEmpty() ? "no message" : String.join(" / ", stderr);
            throw new UserFacingException(ExitCode.FAILURE, "the simulator did not start (" + why + ")");
        }
    }

    /** The pool master's URL, e.g. http://127.0.0.1:41234. */
    public URI url() {
        return url;
    }

    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as systemd would stop it; returns its exit code. */
    public int stop() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping: the reaper runs anyway
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
