package org.xcpbalancer.simulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.xcpbalancer.core.cli.CommonOptions;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.cli.LogFormatOption;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.simulator.export.ScenarioExport;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.ScenarioException;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * xcp-sim: serves a simulated pool until SIGTERM (or Ctrl-C), then exits 0. Prints exactly one line on stdout,
 * "XAPI simulator ready at http://127.0.0.1:PORT", once every host's address accepts calls; into a file or pipe
 * it starts with an ISO-8601 timestamp (or is JSON, --log-format), so readers look for the text, not a line start.
 */
@Command(name = "xcp-sim", mixinStandardHelpOptions = true,
        description = "A XAPI pool simulator: XML-RPC and JSON-RPC on / and /jsonrpc, /rrd_updates on every host's"
                + " address, and a JSON admin API under /sim/ on the master's.")
public final class SimulatorMain implements Callable<Integer> {

    public static final String READY_LINE_PREFIX = "XAPI simulator ready at ";

    @Option(names = "--scenario", paramLabel = "FILE", description = "Pool description (JSON).")
    Path scenarioFile;

    @Option(names = "--export-scenario", paramLabel = "FILE",
            description = "Instead of serving: write the pool as last collected into the database (--settings) as a"
                    + " scenario FILE, to try rules on a simulated copy of it.")
    Path exportFile;

    @Option(names = "--settings", paramLabel = "FILE", defaultValue = CommonOptions.DEFAULT_SETTINGS_FILE,
            description = "With --export-scenario: the settings file naming the database (default: ${DEFAULT-VALUE}).")
    Path settingsFile;

    @Option(names = "--pool", paramLabel = "NAME", description = "With --export-scenario: which pool, when the database holds several.")
    String poolName;

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

    @Mixin
    LogFormatOption logFormat;

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
        // Its output is a log (the ready line, errors): stamped into a file or pipe, as the other servers' lines.
        Launcher.main("xcp-sim", args, SimulatorMain::new);
    }

    @Override
    public Integer call() throws InterruptedException {
        if ((scenarioFile == null) == (exportFile == null)) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "give either --scenario FILE (serve a pool) or --export-scenario FILE"
                    + " (write the collected pool as a scenario) (try --help)");
        }
        if (exportFile != null) {
            Settings settings = SettingsLoader.load(settingsFile, SettingsLoader.Need.DATABASE);
            settings.printWarnings("xcp-sim", System.err);
            try (Database database = Database.open(settings.database())) {
                out.println(ScenarioExport.export(database, Optional.ofNullable(poolName), exportFile));
            }
            return ExitCode.OK.code();
        }
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
