package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.db.PoolLock;
import org.xcpbalancer.core.db.generated.Tables;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** xcp-control as a user runs it: the command line with a settings file, a dry run, the lock, a killed controller. */
@ExtendWith(MariaDbExtension.class)
class ControlCommandTest {
    @RegisterExtension
    final XcpControlInProcess control = new XcpControlInProcess();

    @Test
    void aDryRunPrintsThePlanAndChangesNothing(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);
            Path settings = control.settings(pool);
            long xapiCallsBefore = pool.simulator.callCount();

            int code = control.run("--settings", settings.toString(), "--dry-run");

            assertThat(code).as(control.stderr()).isEqualTo(0);
            assertThat(control.stdout()).contains("Dry run: nothing is changed",
                    "Pool Main Pool: 2 hosts, 3 running VMs",
                    "Plan (strategy constraint-repair,rule-deviation,density): 1 migration(s)",
                    "1. VM2 - Debian: Host2 -> Host1 for CpuAverage (threshold 25 points)",
                    "predicted: Host2 100.0 % -> 50.", "Host1 26.0 % -> 75.", "why: Host2 violates CpuAverage",
                    "MOVE: VM2 - Debian: Host2 -> Host1");
            assertThat(pool.migrations()).isEmpty();
            assertThat(pool.hostOf("VM2 - Debian")).isEqualTo("Host2");
            assertThat(pool.simulator.callCount()).as("the pool was not even contacted").isEqualTo(xapiCallsBefore);
            var run = db.database().dsl().fetchOne(Tables.CONTROLRUN);
            assertThat(run.getDryRun()).isTrue();
            assertThat(db.database().dsl().fetchCount(Tables.CONTROLDECISION,
                    Tables.CONTROLDECISION.RunId.eq(run.getId()).and(Tables.CONTROLDECISION.Action.eq("MOVE"))))
                    .isEqualTo(1);
        }
    }

    @Test
    void dataOlderThanMaxDataAgeBlocksEveryDecision(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);
            // The collector stopped ten minutes ago.
            db.database().dsl().update(Tables.POOL).set(Tables.POOL.LastCollectedAt,
                    java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(10)).execute();

            int code = control.run("--settings", control.settings(pool).toString());

            assertThat(code).isEqualTo(ExitCode.STALE_DATA.code());
            assertThat(control.stdout()).contains("BLOCKED: collected data of pool Main Pool is 10m",
                    "more than control.maxDataAge 5m (is xcp-collect running?): nothing decided");
            // said once: the run's summary (stored for SHOW RUNS) is not printed again as "Blocked: ..."
            assertThat(control.stdout()).containsOnlyOnce("collected data of pool Main Pool is").doesNotContain("Blocked:");
            assertThat(pool.migrations()).isEmpty();
            assertThat(db.database().dsl().fetchOne(Tables.CONTROLRUN).getOutcome()).isEqualTo("blocked");
        }
    }

    @Test
    void withAnIntervalItRunsAgainUntilStopped(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);
            Path settings = control.settings(pool);
            int[] code = {-1};
            Thread service = new Thread(() -> code[0] = control.run("--settings", settings.toString(), "--interval", "1s"));
            service.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (db.database().dsl().fetchCount(Tables.CONTROLRUN, Tables.CONTROLRUN.FinishedAt.isNotNull()) < 3
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            service.interrupt();
            service.join(30_000);

            assertThat(service.isAlive()).isFalse();
            assertThat(code[0]).isEqualTo(0);
            assertThat(db.database().dsl().fetchCount(Tables.CONTROLRUN)).isGreaterThanOrEqualTo(3);
            assertThat(pool.migrations()).as("one migration, then the later runs are balanced or cooling down")
                    .hasSize(1);
            assertThat(control.stdout()).contains("xcp-control: stopping");
        }
    }

    @Test
    void aSecondControllerOnTheSamePoolDoesNothing(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);
            Path settings = control.settings(pool);

            try (PoolLock first = PoolLock.tryAcquire(db.database(), PoolLock.Holder.CONTROLLER, pool.pool().uuid()).orElseThrow()) {
                assertThat(control.run("--settings", settings.toString())).isEqualTo(0);
            }

            assertThat(control.stdout()).contains("another xcp-control is acting on pool Main Pool", "nothing done");
            assertThat(pool.migrations()).isEmpty();
        }
    }

    @Test
    void badOptionsAreOneLineAndExitCode2(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            Path settings = control.settings(pool, "control.maxMigrationsPerRun=-1");
            assertThat(control.run("--settings", settings.toString())).isEqualTo(ExitCode.BAD_INPUT.code());
            assertThat(control.stderr().lines().toList()).singleElement().asString()
                    .startsWith("xcp-control: ").contains("control.maxMigrationsPerRun");

            control.clearStderr();
            assertThat(control.run("--settings", control.settings(pool).toString(), "--interval", "soon"))
                    .isEqualTo(ExitCode.BAD_INPUT.code());
            assertThat(control.stderr().lines().toList()).singleElement().asString()
                    .startsWith("xcp-control: --interval soon: ").endsWith("(expected a duration such as 30s, 1m, 5m)");

            control.clearStderr();
            assertThat(control.run("--settings", control.settings(pool, "control.strategies=rule-deviation,spread").toString(),
                    "--dry-run")).isEqualTo(ExitCode.BAD_INPUT.code());
            assertThat(control.stderr().lines().toList()).singleElement().asString().startsWith("xcp-control: ")
                    .endsWith("control.strategies: unknown strategy 'spread'; known: constraint-repair, rule-deviation,"
                            + " density");
        }
    }

    @Test
    void aControllerKilledMidMigrationIsFollowedByTheNextOneWithoutLaunchingAnythingTwice(TestDatabase db)
            throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);
            Path settings = control.settings(pool);
            pool.simulator.admin().setHangMigrations(true);

            Path log = control.dir().resolve("killed-controller.log");
            Process controller = ChildProgram.start(ControlMain.class, log, "--settings", settings.toString());
            MigrationEntry launched = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            // The LAUNCHED row is written just before "Migrating ..." is printed: wait for both, not a sleep.
            while ((launched == null || !Files.readString(log).contains("Migrating "))
                    && Instant.now().isBefore(deadline) && controller.isAlive()) {
                Thread.sleep(200);
                launched = pool.migrations().stream().filter(m -> m.state() == MigrationState.LAUNCHED).findFirst()
                        .orElse(null);
            }
            assertThat(launched).as(Files.readString(log)).isNotNull();
            controller.destroyForcibly();
            assertThat(controller.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("Migrating " + launched.vmName());
            assertThat(pool.migrations()).singleElement().extracting(MigrationEntry::state).isEqualTo(MigrationState.LAUNCHED);

            MigrationEntry finalLaunched = launched;
            pool.simulator.admin().setHangMigrations(false);
            int code = control.run("--settings", settings.toString());

            assertThat(code).as(control.stdout() + control.stderr()).isEqualTo(0);
            assertThat(control.stdout()).contains("Following " + launched.summary(), "not launching it again",
                    launched.summary() + ": done in").doesNotContain("Migrating ");
            assertThat(pool.migrations()).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo(finalLaunched.id());
                assertThat(m.state()).isEqualTo(MigrationState.SUCCEEDED);
                assertThat(m.taskRef()).isEqualTo(finalLaunched.taskRef());
            });
            assertThat(pool.hostOf(launched.vmName())).isEqualTo("Host1");
        }
    }
}
