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
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 16: a migration whose launch got no usable answer from XAPI (the controller was killed while waiting,
 * or XAPI answered HTTP 500) is looked for in the pool and followed, never launched a second time; and a
 * controller whose xapi.url names a slave says so.
 */
@ExtendWith(MariaDbExtension.class)
class InFlightAdoptionTest {
    private static final String LAUNCH = "Async.VM.pool_migrate";

    @RegisterExtension
    final XcpControlInProcess control = new XcpControlInProcess();

    @Test
    void aControllerKilledWhileXapiAnswersTheLaunchLeavesAMigrationTheNextRunFollowsInsteadOfLaunchingAgain(
            TestDatabase db) throws Exception {
        try (ControlledPool pool = unbalancedPool(db);
                XapiProxy proxy = new XapiProxy(pool.simulator.port(), LAUNCH)) {
            Path settings = control.settings(pool, proxy.url());
            pool.simulator.admin().setHangMigrations(true);
            proxy.answer(XapiProxy.Answer.HOLD);

            Path log = control.dir().resolve("killed-controller.log");
            Process controller = ChildProgram.start(ControlMain.class, log, "--settings", settings.toString());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (proxy.watchedCalls() == 0 && Instant.now().isBefore(deadline) && controller.isAlive()) {
                Thread.sleep(200);
            }
            assertThat(proxy.watchedCalls()).as(Files.readString(log)).isEqualTo(1);
            // The proxy counts the call before passing it on: kill only once the pool runs it, not after a sleep.
            while (pool.simulator.xapi().services().migrations().activeCount() == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(pool.simulator.xapi().services().migrations().activeCount()).as("the launch reached the pool")
                    .isEqualTo(1);
            controller.destroyForcibly(); // SIGKILL: no shutdown hook, no last word in the database
            assertThat(controller.waitFor(30, TimeUnit.SECONDS)).isTrue();
            MigrationEntry planned = pool.migrations().get(0);
            assertThat(pool.migrations()).as("killed before it could record the task").singleElement()
                    .extracting(MigrationEntry::state).isEqualTo(MigrationState.PLANNED);
            assertThat(pool.simulator.admin().vm(planned.vmName()).residentOn().name())
                    .as("the migration runs in the pool").isEqualTo("Host2");

            // The next run starts while the migration is still in flight; it may end once that run has seen it.
            proxy.answer(XapiProxy.Answer.PASS);
            int[] code = {-1};
            Thread next = new Thread(() -> code[0] = control.run("--settings", settings.toString()));
            next.start();
            deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (next.isAlive() && !control.stdout().contains("following task") && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            pool.simulator.admin().setHangMigrations(false);
            next.join(60_000);

            assertThat(code[0]).as(control.stdout() + control.stderr()).isEqualTo(0);
            assertThat(proxy.watchedCalls()).as("pool_migrate calls for the VM").isEqualTo(1);
            assertThat(control.stdout()).contains(planned.summary() + ": launched by an earlier run that stopped before recording it",
                    "following task", planned.summary() + ": done in").doesNotContain("Migrating ");
            assertThat(pool.migrations()).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo(planned.id());
                assertThat(m.state()).isEqualTo(MigrationState.SUCCEEDED);
                assertThat(m.taskRef()).startsWith("OpaqueRef:");
            });
            assertThat(pool.hostOf(planned.vmName())).isEqualTo("Host1");
        }
    }

    @Test
    void anHttp500AnsweringALaunchThatRanIsFollowedInTheSameRun(TestDatabase db) throws Exception {
        try (ControlledPool pool = unbalancedPool(db);
                XapiProxy proxy = new XapiProxy(pool.simulator.port(), LAUNCH)) {
            proxy.answer(XapiProxy.Answer.HTTP_500);

            int code = control.run("--settings", control.settings(pool, proxy.url()).toString());

            assertThat(code).as(control.stdout() + control.stderr()).isEqualTo(0);
            assertThat(proxy.watchedCalls()).isEqualTo(1);
            MigrationEntry move = pool.migrations().get(0);
            assertThat(pool.migrations()).singleElement().satisfies(m -> {
                assertThat(m.state()).isEqualTo(MigrationState.SUCCEEDED);
                assertThat(m.taskRef()).startsWith("OpaqueRef:");
            });
            assertThat(control.stdout()).contains(move.summary() + ": no usable answer to the launch (",
                    "HTTP 500", "it runs in the pool: following task", move.summary() + ": done in");
            assertThat(pool.hostOf(move.vmName())).isEqualTo("Host1");
        }
    }

    @Test
    void anHttp500ToALaunchThatNeverReachedThePoolIsRecordedAsNotLaunched(TestDatabase db) throws Exception {
        try (ControlledPool pool = unbalancedPool(db);
                XapiProxy proxy = new XapiProxy(pool.simulator.port(), LAUNCH)) {
            proxy.answer(XapiProxy.Answer.HTTP_500_UNSENT);

            control.run("--settings", control.settings(pool, proxy.url()).toString());

            assertThat(proxy.watchedCalls()).isZero();
            MigrationEntry move = pool.migrations().get(0);
            assertThat(pool.migrations()).singleElement().satisfies(m -> {
                assertThat(m.state()).isEqualTo(MigrationState.CANCELLED);
                assertThat(m.xapiError()).startsWith("not launched: no usable answer to the launch (")
                        .contains("HTTP 500").endsWith("and the pool shows no migration of it");
            });
            assertThat(pool.hostOf(move.vmName())).isEqualTo("Host2");
        }
    }

    @Test
    void aControllerGivenASlaveAddressSaysItUsesTheMaster(TestDatabase db) throws Exception {
        try (ControlledPool pool = unbalancedPool(db)) {
            var slave = pool.simulator.model().hosts().stream().filter(h -> !h.isMaster()).findFirst().orElseThrow();
            String master = pool.simulator.model().master().address();

            int code = control.run("--settings", control.settings(pool, pool.simulator.hostUrl(slave.address())).toString());

            assertThat(code).as(control.stdout() + control.stderr()).isEqualTo(0);
            assertThat(control.stderr().lines().toList()).containsOnlyOnce(
                    "xcp-control: xapi.url names a slave; using pool master " + master);
            assertThat(pool.migrations()).singleElement().extracting(MigrationEntry::state)
                    .isEqualTo(MigrationState.SUCCEEDED);
        }
    }

    private static ControlledPool unbalancedPool(TestDatabase db) throws Exception {
        ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db);
        pool.collect(3);
        pool.rule(RuleSubject.CpuAverage, 25);
        return pool;
    }
}
