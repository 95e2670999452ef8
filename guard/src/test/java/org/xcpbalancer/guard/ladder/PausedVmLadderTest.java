package org.xcpbalancer.guard.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.guard.GuardService;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The ladder's Paused path on the simulator with the real SDK and MariaDB: a VM the hypervisor paused (the
 * admin API's pause, as actions_after_crash "preserve" does; no VM_PAUSED message) and one its administrator
 * paused with VM.pause (xe vm-pause; XAPI writes VM_PAUSED), the guard checking as cron would.
 */
@ExtendWith(MariaDbExtension.class)
class PausedVmLadderTest {
    private static final Duration STEP_WAIT = Duration.ofSeconds(200);
    private final TestDatabase db;

    PausedVmLadderTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aProtectedVmTheHypervisorPausedIsHardRebootedOnItsHostAtStepOne() throws Exception {
        try (LadderPool pool = new LadderPool(db); GuardService guard = pool.guard(LadderPool.settings(null))) {
            pool.check(guard);
            pool.simulator.admin().pauseVm("web");
            assertThat(pool.vm("web")).isEqualTo("Paused@B");

            pool.check(guard);

            assertThat(pool.vm("web")).isEqualTo("Running@B");
            assertThat(pool.messages("web", "VM_REBOOTED")).isEqualTo(1);
            assertThat(pool.row("web").getProblem()).isEqualTo("paused");
            assertThat(pool.row("web").getLadderStep()).isEqualTo("reboot");
            assertThat(pool.lastAction("web", "hard_reboot").getOutcome()).isEqualTo("done");
            assertThat(pool.lastAction("web", "hard_reboot").getReason())
                    .isEqualTo("hard-rebooted: Paused unexpectedly: step 1, VM.hard_reboot on its host");
            assertThat(pool.said).contains("hard-rebooted web: Paused unexpectedly: step 1, VM.hard_reboot on its host");

            pool.advance(Duration.ofSeconds(10));
            pool.check(guard);
            pool.advance(STEP_WAIT);
            pool.check(guard);

            assertThat(pool.vm("web")).isEqualTo("Running@B");
            assertThat(pool.messages("web", "VM_REBOOTED")).as("rebooted once").isEqualTo(1);
            assertThat(pool.actions("web")).containsExactly("hard_reboot done", "recovered done");
        }
    }

    @Test
    void anUnprotectedVmThatIsPausedIsLeftAsItIs() throws Exception {
        try (LadderPool pool = new LadderPool(db); GuardService guard = pool.guard(LadderPool.settings(null))) {
            pool.check(guard);
            pool.simulator.admin().pauseVm("a1");
            for (int i = 0; i < 3; i++) {
                pool.check(guard);
                pool.advance(STEP_WAIT);
            }

            assertThat(pool.vm("a1")).isEqualTo("Paused@A");
            assertThat(pool.messages("a1", "VM_REBOOTED")).isZero();
            assertThat(pool.actions("a1")).isEmpty();
            assertThat(pool.row("a1")).isNull();
        }
    }

    @Test
    void aVmItsAdministratorPausedIsLeftPausedAndSaidOnceButAPauseAfterHisUnpauseIsActedOn() throws Exception {
        try (LadderPool pool = new LadderPool(db); GuardService guard = pool.guard(LadderPool.settings(null))) {
            pool.check(guard);
            pool.pause("web");
            for (int i = 0; i < 4; i++) {
                pool.check(guard);
                pool.advance(STEP_WAIT);
            }

            assertThat(pool.vm("web")).isEqualTo("Paused@B");
            assertThat(pool.messages("web", "VM_REBOOTED")).isZero();
            assertThat(pool.actions("web")).containsExactly("admin_pause waiting");
            assertThat(pool.lastAction("web", "admin_pause").getReason())
                    .contains("paused by its administrator").contains("VM_PAUSED").contains("never rebooted");

            pool.unpause("web");
            pool.check(guard);
            pool.advance(Duration.ofSeconds(5));
            pool.simulator.admin().pauseVm("web");
            pool.check(guard);

            assertThat(pool.vm("web")).as("paused again, not by its administrator").isEqualTo("Running@B");
            assertThat(pool.messages("web", "VM_REBOOTED")).isEqualTo(1);
            assertThat(pool.lastAction("web", "hard_reboot").getReason()).contains("Paused unexpectedly");
        }
    }
}
