package org.xcpbalancer.demo;

import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jooq.impl.DSL;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.testkit.EmbeddedMariaDb;

/**
 * xcp-demo --service: the same loop, run by bin/xcp-service instead of one program run at a time. The pool is a
 * file in pools.d; the service collects and controls it every 5 s until the demo stops it with SIGTERM.
 */
final class ServiceDemoRun {
    static final Duration EVERY = Duration.ofSeconds(5);
    static final Duration WAIT_LIMIT = Duration.ofMinutes(3);
    private static final String INDENT = "    ";

    private final Programs programs;
    private final PrintStream out;
    private final Path workDir;
    private final Path scenario;
    private final String rule;
    private int step;

    ServiceDemoRun(Programs programs, PrintStream out, Path workDir, Path scenario, String rule) {
        this.programs = programs;
        this.out = out;
        this.workDir = workDir.toAbsolutePath();
        this.scenario = scenario.toAbsolutePath();
        this.rule = rule;
    }

    int run() throws IOException, InterruptedException {
        out.println("xcp-demo --service: the xcp-balancer loop run by xcp-service on a simulated pool and an embedded MariaDB.");
        step("Starting an embedded MariaDB");
        try (EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(workDir.resolve("mariadb"), 0, true)) {
            mariaDb.createDatabase("Xen");
            try (Database database = Database.open(mariaDb.settings("Xen"))) {
                step("Starting the XAPI simulator (xcp-sim) with " + scenario.getFileName());
                try (SimulatorProcess simulator = SimulatorProcess.start(programs, scenario, List.of())) {
                    Path settings = DemoSettings.write(workDir.resolve("service.properties"), simulator.url(),
                            mariaDb.jdbcUrl("Xen"), "service.poolsDirectory=pools.d\nservice.leaseRenewal=2s\n");
                    Path pool = workDir.resolve("pools.d").resolve("demo.properties");
                    Files.createDirectories(pool.getParent());
                    Files.writeString(pool, "xapi.url=" + simulator.url() + "\nxapi.username=root\nxapi.password=root\n"
                            + "service.collectInterval=" + EVERY.toSeconds() + "s\nservice.controlInterval="
                            + EVERY.toSeconds() + "s\n");
                    Files.setPosixFilePermissions(pool, PosixFilePermissions.fromString("rw-------"));
                    say("database settings: " + settings + "; the pool: " + pool);
                    return withService(database, settings);
                }
            }
        }
    }

    private int withService(Database database, Path settings) throws IOException, InterruptedException {
        List<String> withSettings = List.of("--settings", settings.toString());
        step("Starting xcp-service: it collects and controls every pool of pools.d, here every " + EVERY.toSeconds() + " s");
        Process service = programs.start("xcp-service", withSettings);
        service.getOutputStream().close();
        List<String> errors = new ArrayList<>();
        Programs.pump(service.getInputStream(), this::say); // lines say "[POOL] ..." or "xcp-service: ..." already
        Programs.pump(service.getErrorStream(), errors::add);
        try {
            await("3 collections", service, errors, () -> database.dsl().fetchCount(COLLECTIONRUN,
                    COLLECTIONRUN.Outcome.ne("failed")) >= DemoRun.SAMPLES_BEFORE_CONTROL);
            step("The pool before balancing, and the rule (xcp-manager -e \"CREATE RULE HOST " + rule + "\")");
            manager(withSettings, "SHOW HOSTS FULL", "CREATE RULE HOST " + rule);
            double before = spread(database);
            long lastRunBeforeRule = database.dsl().fetchCount(CONTROLRUN);

            step("Balancing: the service's control runs migrate live and follow each task to its end");
            await("a balanced pool", service, errors, () -> balanced(database, lastRunBeforeRule));

            step("The pool after balancing");
            manager(withSettings, "SHOW HOSTS FULL", "SHOW MIGRATIONS");
            say(String.format(Locale.ROOT, "spread between the busiest and the idlest host: %.0f -> %.0f points", before,
                    spread(database)));
        } finally {
            step("Stopping xcp-service with SIGTERM (as systemctl stop does)");
            service.destroy();
            boolean ended = service.waitFor(60, TimeUnit.SECONDS);
            say(ended ? "xcp-service exited with code " + service.exitValue() : "xcp-service did not stop in 60 s: killed");
            if (!ended) {
                service.destroyForcibly();
            }
        }
        return ExitCode.OK.code();
    }

    /**
     * No migration in flight, and two control runs since the last one ended (or, when nothing had to move, four
     * runs since the rule: the violation must hold for control.holdSamples collections first).
     */
    private static boolean balanced(Database database, long runsBeforeRule) {
        var dsl = database.dsl();
        if (dsl.fetchCount(MIGRATION, MIGRATION.State.in("planned", "launched")) > 0) {
            return false;
        }
        LocalDateTime lastMove = dsl.select(DSL.max(MIGRATION.FinishedAt)).from(MIGRATION).fetchOne(0, LocalDateTime.class);
        return lastMove != null ? dsl.fetchCount(CONTROLRUN, CONTROLRUN.StartedAt.gt(lastMove)) >= 2
                : dsl.fetchCount(CONTROLRUN) >= runsBeforeRule + 4;
    }

    private static double spread(Database database) {
        PoolStateRepository pools = new PoolStateRepository(database);
        return DemoRun.cpuSpreadPoints(pools.load(pools.pools().get(0))).orElse(Double.NaN);
    }

    private void await(String what, Process service, List<String> errors, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            if (!service.isAlive()) {
                errors.forEach(this::say);
                throw new UserFacingException(ExitCode.FAILURE, "xcp-service stopped (exit code " + service.exitValue()
                        + ") before " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new UserFacingException(ExitCode.TIMEOUT, "no " + what + " within " + WAIT_LIMIT.toMinutes() + " min");
            }
            Thread.sleep(500);
        }
    }

    private void manager(List<String> withSettings, String... commands) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(withSettings);
        for (String command : commands) {
            arguments.add("-e");
            arguments.add(command);
        }
        ProgramRun run = programs.run("xcp-manager", arguments, DemoRun.PROGRAM_TIMEOUT, this::say);
        if (run.exitCode() != 0) {
            run.stderr().forEach(this::say);
            throw new UserFacingException(ExitCode.FAILURE, run.commandLine() + " failed with exit code " + run.exitCode());
        }
    }

    private void step(String title) {
        out.println();
        out.println("[" + (++step) + "] " + title);
    }

    private synchronized void say(String line) {
        out.println(line.isEmpty() ? "" : INDENT + line);
        out.flush();
    }
}
