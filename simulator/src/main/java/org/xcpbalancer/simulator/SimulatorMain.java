package org.xcpbalancer.simulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.ScenarioException;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * xcp-sim: serves a simulated pool until SIGTERM (or Ctrl-C), then exits 0. Prints exactly one line on stdout,
 * "XAPI simulator ready at http://127.0.0.1:PORT", once every host's address accepts calls.
 */
@Command(name = "xcp-sim", mixinStandardHelpOptions = true,
        description = "A XAPI pool simulator: XML-RPC and JSON-RPC on / and /jsonrpc, /rrd_updates on every host's"
                + " address, and a JSON admin API under /sim/ on the master's.")
public final class SimulatorMain implements Callable<Integer> {

    public static final String READY_LINE_PREFIX = "XAPI simulator ready at ";

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "Pool description (JSON).")
    Path scenarioFile;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Port for every host's address; 0 = any free port (default).")
    int port;

    @Option(names = "--speed", paramLabel = "N", defaultValue = "1",
            description = "Simulated seconds per real second (default 1).")
    double speed;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default 42).")
    long seed;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = SimulatorOptions.USER_NAME_DEFAULT,
            description = "The pool's user name (default root).")
    String userName;

    @Option(names = "--password", paramLabel = "SECRET", defaultValue = SimulatorOptions.PASSWORD_DEFAULT,
            description = "The pool's password (default root).")
    String password;

    @Option(names = "--latency-ms", paramLabel = "N", defaultValue = "0",
            description = "Latency added to every XAPI call, in milliseconds (default 0).")
    long latencyMs;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    private final PrintStream out;
    private final CountDownLatch stop;
    private final boolean handleSignals;

    public SimulatorMain() {
        this(System.out, new CountDownLatch(1), true);
    }

    /** For tests: where the ready line goes, and a latch that stops the server as SIGTERM does. */
    SimulatorMain(PrintStream out, CountDownLatch stop) {
        this(out, stop, false);
    }

    private SimulatorMain(PrintStream out, CountDownLatch stop, boolean handleSignals) {
        this.out = out;
        this.stop = stop;
        this.handleSignals = handleSignals;
    }

    public static void main(String[] args) {
        Launcher.main("xcp-sim", new SimulatorMain(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(scenarioFile);
        } catch (ScenarioException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
        SimulatorOptions options;
        try {
            options = SimulatorOptions.defaults().withPort(port).withSpeed(speed).withSeed(seed)
                    .withCredentials(userName, password).withLatency(Duration.ofMillis(latencyMs));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
        RunningSimulator simulator;
        try {
            simulator = SimulatorServer.start(scenario, options);
        } catch (UncheckedIOException e) {
            throw new UserFacingException(ExitCode.FAILURE, e.getMessage(), e);
        }
        CountDownLatch closed = new CountDownLatch(1);
        try (simulator) {
            if (handleSignals) {
                StopSignals.install(stop, closed);
            }
            out.println(READY_LINE_PREFIX + simulator.masterUrl());
            out.flush();
            stop.await();
        } finally {
            closed.countDown();
        }
        return ExitCode.OK.code();
    }
}
