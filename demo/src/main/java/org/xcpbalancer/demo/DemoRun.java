package org.xcpbalancer.demo;

import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.testkit.EmbeddedMariaDb;

/**
 * The whole loop, step by step, with the real executables: an embedded MariaDB, the simulator with an unbalanced
 * pool, collections, a rule, control runs with their migrations, and the pool before and after.
 */
final class DemoRun {
    /** The original tool's example rule: balance when a host's CPU is 25 points above the pool average. */
    static final String DEFAULT_RULE = "CpuAverage 25";
    /** Collections before the first control run: the controller waits for this many violating samples. */
    static final int SAMPLES_BEFORE_CONTROL = 3;
    /** Control runs at most, should the pool need more than one round. */
    static final int MAX_CONTROL_ROUNDS = 4;
    /** After a migration, wait for a whole 5 s RRD step so the next collection sees the new placement. */
    static final Duration SETTLE_AFTER_MIGRATION = Duration.ofSeconds(6);
    static final Duration PROGRAM_TIMEOUT = Duration.ofMinutes(5);
    /** How long Ctrl-C waits for the simulator and the database to stop. */
    static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(30);
    private static final String INDENT = "    ";

    private final Programs programs;
    private final PrintStream out;
    private final Path workDir;
    private final Path scenario;
    private final String rule;
    private final boolean keepRunning;
    private final Instant started = Instant.now();
    /** Counted down once the simulator and the database are stopped; Ctrl-C waits for it. */
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private int step;

    DemoRun(Programs programs, PrintStream out, Path workDir, Path scenario, String rule, boolean keepRunning) {
        this.programs = programs;
        this.out = out;
        this.workDir = workDir.toAbsolutePath();
        this.scenario = scenario.toAbsolutePath();
        this.rule = rule;
        this.keepRunning = keepRunning;
    }

    int run() throws IOException, InterruptedException {
        try {
            return runSteps();
        } finally {
            cleanedUp.countDown();
        }
    }

    private int runSteps() throws IOException, InterruptedException {
        out.println("xcp-demo: the whole xcp-balancer loop on a simulated pool and an embedded MariaDB.");
        out.println();
        step("Starting an embedded MariaDB (its first start unpacks the server, ~10 s)");
        try (EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(workDir.resolve("mariadb"), 0, true)) {
            mariaDb.createDatabase("Xen");
            String jdbcUrl = mariaDb.jdbcUrl("Xen");
            try (Database database = Database.open(mariaDb.settings("Xen"))) {
                say("ready at " + jdbcUrl + " (user root, no password); schema created");
                step("Starting the XAPI simulator (xcp-sim) with " + scenario.getFileName());
                try (SimulatorProcess simulator = SimulatorProcess.start(programs, scenario, List.of())) {
                    say("pool master ready at " + simulator.url());
                    Path settings = DemoSettings.write(workDir.resolve("settings.properties"), simulator.url(), jdbcUrl, "");
                    say("settings for every program: " + settings);
                    return loop(database, settings, simulator);
                }
            }
        }
    }

    private int loop(Database database, Path settings, SimulatorProcess simulator) throws IOException, InterruptedException {
        List<String> withSettings = List.of("--settings", settings.toString());

        step("Collecting the pool " + SAMPLES_BEFORE_CONTROL + " times (xcp-collect), as cron would every minute");
        for (int i = 0; i < SAMPLES_BEFORE_CONTROL; i++) {
            require(programs.run("xcp-collect", withSettings, PROGRAM_TIMEOUT, this::say));
        }
        PoolState before = poolState(database);
        say("");
        say("The pool before balancing (xcp-manager -e \"SHOW HOSTS FULL\" -e \"SHOW VMS FULL\"):");
        manager(withSettings, "SHOW HOSTS FULL", "SHOW VMS FULL");

        step("Creating the rule (xcp-manager -e \"CREATE RULE HOST " + rule + "\")");
        manager(withSettings, "CREATE RULE HOST " + rule, "SHOW RULES HOST");

        step("Balancing (xcp-control): predict, migrate live, follow each task to its end");
        int controlExit = 0;
        for (int round = 1; round <= MAX_CONTROL_ROUNDS; round++) {
            long migrationsBefore = migrationCount(database);
            ProgramRun control = programs.run("xcp-control", withSettings, PROGRAM_TIMEOUT, this::say);
            controlExit = control.exitCode();
            if (controlExit != 0) {
                say("xcp-control ended with exit code " + controlExit + ": " + control.stderrText());
                break;
            }
            if (migrationCount(database) == migrationsBefore) {
                break;
            }
            say("");
            say("Waiting " + SETTLE_AFTER_MIGRATION.toSeconds() + " s for the pool's metrics to show the new placement, then collecting again...");
            Thread.sleep(SETTLE_AFTER_MIGRATION.toMillis());
            require(programs.run("xcp-collect", withSettings, PROGRAM_TIMEOUT, this::say));
            say("");
        }
        PoolState after = poolState(database);

        step("The pool after balancing");
        manager(withSettings, "SHOW HOSTS FULL", "SHOW VMS FULL", "SHOW MIGRATIONS", "SHOW ENERGY");

        summary(database, before, after);
        if (keepRunning) {
            keepRunning(settings, simulator);
        }
        return controlExit;
    }

    private void manager(List<String> withSettings, String... commands) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(withSettings);
        for (String command : commands) {
            arguments.add("-e");
            arguments.add(command);
        }
        require(programs.run("xcp-manager", arguments, PROGRAM_TIMEOUT, this::say));
    }

    private void summary(Database database, PoolState before, PoolState after) {
        out.println();
        out.println("Summary");
        var migrations = database.dsl().selectFrom(MIGRATION).orderBy(MIGRATION.Id).fetch();
        if (migrations.isEmpty()) {
            say("no migration was needed: the pool obeyed the rule");
        }
        for (var m : migrations) {
            say(String.format(Locale.ROOT, "migration: %s from %s to %s: %s%s", m.getVmName(), m.getSourceHostName(),
                    m.getDestinationHostName(), m.getState(),
                    m.getDurationMs() == null ? "" : String.format(Locale.ROOT, " in %.1f s", m.getDurationMs() / 1000.0)));
        }
        Map<String, HostState> afterByUuid = after.hostsByUuid();
        for (HostState host : before.hosts()) {
            HostState now = afterByUuid.get(host.uuid());
            say(String.format(Locale.ROOT, "%s: CPU %s -> %s, VMs %d -> %d", host.name(), percent(host.cpuAverage()),
                    now == null ? "gone" : percent(now.cpuAverage()), guests(before, host), now == null ? 0 : guests(after, now)));
        }
        say(String.format(Locale.ROOT, "spread between the busiest and the idlest host: %s -> %s points",
                spread(before), spread(after)));
        say(String.format(Locale.ROOT, "total time: %.0f s", Duration.between(started, Instant.now()).toMillis() / 1000.0));
    }

    private static long guests(PoolState state, HostState host) {
        return state.vmsOn(host.uuid()).stream().filter(v -> !v.controlDomain()).count();
    }

    private static String spread(PoolState state) {
        OptionalDouble points = cpuSpreadPoints(state);
        return points.isPresent() ? String.format(Locale.ROOT, "%.0f", points.getAsDouble()) : "?";
    }

    /** CPU points between the busiest and the idlest measured host; empty when no host was measured. */
    static OptionalDouble cpuSpreadPoints(PoolState state) {
        DoubleSummaryStatistics cpu = state.hosts().stream().map(HostState::cpuAverage).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).summaryStatistics();
        return cpu.getCount() == 0 ? OptionalDouble.empty() : OptionalDouble.of(cpu.getMax() - cpu.getMin());
    }

    private static String percent(Double value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%.0f%%", value);
    }

    private void keepRunning(Path settings, SimulatorProcess simulator) throws InterruptedException {
        out.println();
        out.println("Still running (--keep-running). From another terminal, attach with:");
        out.println(INDENT + "bin/xcp-manager --settings " + settings);
        out.println(INDENT + "bin/xcp-collect --settings " + settings);
        out.println(INDENT + "bin/xcp-control --settings " + settings + " --dry-run");
        out.println("Simulator at " + simulator.url() + " (user root, password root). Ctrl-C stops everything.");
        CountDownLatch stop = new CountDownLatch(1);
        // The JVM halts when its shutdown hooks end: hold it until the simulator and the database are stopped.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                cleanedUp.await(CLEANUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "xcp-demo-stop"));
        stop.await();
        out.println("Stopping the simulator and the database...");
    }

    private static PoolState poolState(Database database) {
        PoolStateRepository repository = new PoolStateRepository(database);
        var pools = repository.pools();
        if (pools.isEmpty()) {
            throw new UserFacingException(ExitCode.FAILURE, "the collector wrote no pool into the database");
        }
        return repository.load(pools.get(0));
    }

    private static long migrationCount(Database database) {
        return database.dsl().fetchCount(MIGRATION);
    }

    private ProgramRun require(ProgramRun run) {
        if (run.exitCode() != 0) {
            run.stderr().forEach(this::say);
            throw new UserFacingException(ExitCode.FAILURE, run.commandLine() + " failed with exit code " + run.exitCode());
        }
        return run;
    }

    private void step(String title) {
        out.println();
        out.println("[" + (++step) + "] " + title);
    }

    private void say(String line) {
        out.println(line.isEmpty() ? "" : INDENT + line);
        out.flush();
    }
}
