package org.xcpbalancer.guard.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.guard.GuardService;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The ladder on the simulator with the real SDK and MariaDB: crashes and hangs made through the simulator's
 * admin API, the guard checking as cron would, the pool clock moved by the test.
 */
@ExtendWith(MariaDbExtension.class)
class LadderSimulatorTest {
    private static final Duration STEP_WAIT = Duration.ofSeconds(200);
    private final TestDatabase db;

    LadderSimulatorTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aCrashedVmIsBackAfterTheFirstStepAndStaysThere() throws Exception {
        try (LadderPool pool = new LadderPool(db); GuardService guard = pool.guard(LadderPool.settings(null))) {
            pool.check(guard);
            pool.simulator.admin().crashVm("web");
            assertThat(pool.vm("web")).isEqualTo("Halted");

            pool.check(guard);

            assertThat(pool.vm("web")).startsWith("Running@");
            assertThat(pool.messages("web", "VM_STARTED")).isEqualTo(1);
            assertThat(pool.row("web").getLadderStep()).isEqualTo("reboot");
            assertThat(pool.row("web").getProblem()).isEqualTo("crashed");
            assertThat(pool.lastAction("web", "start_on").getOutcome()).isEqualTo("done");
            assertThat(pool.lastAction("web", "start_on").getReason()).contains("crashed").contains("step 1");

            pool.advance(STEP_WAIT.multipliedBy(2));
            pool.check(guard);
            pool.check(guard);

            assertThat(pool.vm("web")).startsWith("Running@");
            assertThat(pool.messages("web", "VM_STARTED")).as("started once").isEqualTo(1);
            assertThat(pool.row("web").getHealthySince()).isNotNull();
            assertThat(pool.actions("web")).containsExactly("start_on done", "recovered done");
        }
    }

    @Test
    void aHungVmIsHardRebootedOnItsHostOnceItsHeartbeatIsOlderThanTheTimeout() throws Exception {
        try (LadderPool pool = new LadderPool(db); GuardService guard = pool.guard(LadderPool.settings(null))) {
            pool.check(guard);
            pool.simulator.admin().hangVm("web");
            pool.advance(Duration.ofSeconds(100));
            pool.check(guard);
            assertThat(pool.messages("web", "VM_REBOOTED")).as("heartbeat 100 s old: not yet").isZero();

            pool.advance(Duration.ofSeconds(30));
            pool.check(guard);

            assertThat(pool.messages("web", "VM_REBOOTED")).isEqualTo(1);
            assertThat(pool.vm("web")).isEqualTo("Running@B");
            assertThat(pool.lastAction("web", "hard_reboot").getOutcome()).isEqualTo("done");
            assertThat(pool.lastAction("web", "hard_reboot").getReason()).contains("hung");
            assertThat(pool.row("web").getProblem()).isEqualTo("hung");

            pool.advance(Duration.ofSeconds(10));
            pool.check(guard);
            assertThat(pool.messages("web", "VM_REBOOTED")).as("its heartbeat is back").isEqualTo(1);
        }
    }

    @Test
    void aVmThatKeepsCrashingIsRestartedElsewhereThenGivenUpAndItsHistoryClearsAfterAnHourOfHealth()
            throws Exception {
        try (LadderPool pool = new LadderPool(db);
                GuardService guard = pool.guard(LadderPool.settings("echo reinstall {vm} {uuid}"))) {
            pool.check(guard);
            pool.simulator.admin().crashVm("web");
            pool.check(guard);
            String firstHost = pool.vm("web");
            assertThat(firstHost).startsWith("Running@");

            pool.simulator.admin().crashVm("web");
            pool.advance(Duration.ofSeconds(60));
            pool.check(guard);
            pool.check(guard);
            assertThat(pool.vm("web")).as("within the step wait").isEqualTo("Halted");
            assertThat(pool.actions("web")).containsOnlyOnce("ladder_wait waiting");

            pool.advance(STEP_WAIT);
            pool.check(guard);
            assertThat(pool.vm("web")).startsWith("Running@").isNotEqualTo(firstHost);
            assertThat(pool.row("web").getLadderStep()).isEqualTo("restart");

            pool.simulator.admin().crashVm("web");
            pool.advance(STEP_WAIT);
            pool.check(guard);

            assertThat(pool.vm("web")).isEqualTo("Halted");
            assertThat(pool.row("web").getLadderStep()).isEqualTo("give_up");
            assertThat(pool.row("web").getAttempts()).isEqualTo(3);
            assertThat(pool.lastAction("web", "give_up").getOutcome()).isEqualTo("alert");
            assertThat(pool.lastAction("web", "reinstall").getOutcome()).isEqualTo("done");
            assertThat(pool.lastAction("web", "reinstall").getReason()).contains("reinstall web");
            assertThat(pool.said).anyMatch(line -> line.startsWith("ALERT web: "));
            assertThat(pool.messages("web", "VM_STARTED")).isEqualTo(2);

            pool.advance(STEP_WAIT);
            pool.check(guard);
            assertThat(pool.vm("web")).as("given up: left to an operator").isEqualTo("Halted");

            pool.start("web");
            pool.check(guard);
            pool.advance(Duration.ofMinutes(59));
            pool.check(guard);
            assertThat(pool.row("web").getLadderStep()).isEqualTo("give_up");

            pool.advance(Duration.ofMinutes(1));
            pool.check(guard);
            assertThat(pool.row("web").getLadderStep()).isEqualTo("none");
            assertThat(pool.row("web").getAttempts()).isZero();
            assertThat(pool.lastAction("web", "ladder_reset").getReason()).contains("3 step(s)");

            pool.simulator.admin().crashVm("web");
            pool.check(guard);
            assertThat(pool.vm("web")).as("a new history starts at step 1").startsWith("Running@");
            assertThat(pool.row("web").getLadderStep()).isEqualTo("reboot");
        }
    }

    @Test
    void aHungVmIsNeverShutDownToBeRestartedWhereNoOtherHostHasRoom() throws Exception {
        String noRoomElsewhere = """
                {"pool": "Tight",
                 "hosts": [{"name": "A", "cpus": 8, "memoryMb": 4096, "master": true},
                           {"name": "B", "cpus": 8, "memoryMb": 8192}],
                 "vms": [{"name": "big", "host": "B", "vcpus": 2, "memoryMb": 6144, "haRestartPriority": "restart"}]}
                """;
        try (LadderPool pool = new LadderPool(db, noRoomElsewhere);
                GuardService guard = pool.guard(LadderPool.settings(null))) {
            pool.check(guard);
            pool.simulator.admin().hangVm("big");
            pool.advance(Duration.ofSeconds(130));
            pool.check(guard);
            assertThat(pool.messages("big", "VM_REBOOTED")).isEqualTo(1);

            pool.simulator.admin().hangVm("big");
            pool.advance(STEP_WAIT);
            pool.check(guard);
            pool.advance(Duration.ofSeconds(10));
            pool.check(guard);

            assertThat(pool.vm("big")).isEqualTo("Running@B");
            assertThat(pool.messages("big", "VM_SHUTDOWN")).as("not shut down to be left down").isZero();
            assertThat(pool.actions("big")).as("said once").containsExactly("hard_reboot done", "ladder_wait waiting");
            assertThat(pool.lastAction("big", "ladder_wait").getReason()).contains("step 2")
                    .contains("would, but no other host fits: A has");
        }
    }

    @Test
    void aVmItsAdministratorShutDownIsNeverRestartedAndThatIsRecordedOnce() throws Exception {
        try (LadderPool pool = new LadderPool(db); GuardService guard = pool.guard(LadderPool.settings(null))) {
            pool.check(guard);
            pool.cleanShutdown("web");
            for (int i = 0; i < 4; i++) {
                pool.check(guard);
                pool.advance(STEP_WAIT);
            }

            assertThat(pool.vm("web")).isEqualTo("Halted");
            assertThat(pool.messages("web", "VM_STARTED")).isZero();
            assertThat(pool.actions("web")).containsExactly("admin_shutdown waiting");
            assertThat(pool.lastAction("web", "admin_shutdown").getReason())
                    .contains("shut down by its administrator").contains("never restarted");

            pool.start("web");
            pool.check(guard);
            pool.simulator.admin().crashVm("web");
            pool.check(guard);
            assertThat(pool.vm("web")).as("a crash after the administrator's start is a crash")
                    .startsWith("Running@");
        }
    }

    @Test
    void aDryRunActsOnNothingAndSaysWhatItWouldDoOnce() throws Exception {
        try (LadderPool pool = new LadderPool(db); GuardService guard = pool.guard(LadderPool.settings(null))) {
            pool.check(guard);
            pool.simulator.admin().crashVm("web");
            pool.simulator.admin().hangVm("c1");

            guard.checkOnce(Optional.empty(), true);
            guard.checkOnce(Optional.empty(), true);

            assertThat(pool.vm("web")).isEqualTo("Halted");
            assertThat(pool.messages("web", "VM_STARTED")).isZero();
            assertThat(pool.actions("web")).containsExactly("start_on dry_run");
            assertThat(pool.row("web").getLadderStep()).isEqualTo("none");
            assertThat(pool.row("web").getLastAction()).isNull();
        }
    }
}
