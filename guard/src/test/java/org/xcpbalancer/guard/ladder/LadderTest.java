package org.xcpbalancer.guard.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ladder's planning, check by check, for one protected VM "web" that runs on host h1 when it is healthy. */
class LadderTest {
    private static final Instant T0 = Instant.parse("2026-12-01T13:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(200);

    private final Ladder ladder = new Ladder(LadderSettings.defaults());

    private static VmObservation running(Instant heartbeat) {
        return VmObservation.running("vm-1", "web", "h1", heartbeat);
    }

    private static VmObservation crashed() {
        return running(null).withPower(PowerState.HALTED, Optional.empty());
    }

    private static LadderState ranOnH1() {
        return LadderState.initial().withLastHost(Optional.of("h1"));
    }

    @Test
    void aHealthyVmWithoutHistoryNeedsNothingAndNothingIsRecorded() {
        LadderDecision decision = ladder.plan(running(T0.minusSeconds(5)), LadderState.initial(), T0);

        assertThat(decision.action()).isEqualTo(LadderAction.NOTHING);
        assertThat(decision.recordNote()).isFalse();
        assertThat(decision.next().lastHostUuid()).contains("h1");
    }

    @Test
    void aCrashedVmIsStartedAgainPreferringTheHostItRanOn() {
        LadderDecision decision = ladder.plan(crashed(), ranOnH1(), T0);

        assertThat(decision.action()).isEqualTo(LadderAction.START_ON);
        assertThat(decision.preferHostUuid()).contains("h1");
        assertThat(decision.avoidHostUuid()).isEmpty();
        assertThat(decision.reason()).isEqualTo("Halted without a shutdown by its administrator (crashed): step 1, "
                + "VM.start_on its last host if it fits there, else the least loaded host that fits");
        assertThat(decision.next().step()).isEqualTo(LadderStep.REBOOTED);
        assertThat(decision.next().lastActionAt()).contains(T0);
        assertThat(decision.next().attempts()).isEqualTo(1);
    }

    @Test
    void aCrashedVmWithAnAffinityHostPrefersItAsXapisStartDoes() {
        LadderDecision decision = ladder.plan(crashed().withAffinity(Optional.of("h3")), ranOnH1(), T0);

        assertThat(decision.preferHostUuid()).contains("h3");
        assertThat(decision.reason()).contains("VM.start_on its affinity host if it fits there");
    }

    @Test
    void aHungVmIsHardRebootedOnItsHostOnlyOnceItsHeartbeatIsOlderThanTheTimeout() {
        assertThat(ladder.plan(running(T0.minusSeconds(120)), LadderState.initial(), T0).action())
                .isEqualTo(LadderAction.NOTHING);

        LadderDecision decision = ladder.plan(running(T0.minusSeconds(121)), LadderState.initial(), T0);

        assertThat(decision.action()).isEqualTo(LadderAction.HARD_REBOOT);
        assertThat(decision.vmHostUuid()).contains("h1");
        assertThat(decision.reason()).contains("last heartbeat was at 2026-12-01T12:57:59Z, more than guard.vmHeartbeatTimeout (2m) ago").contains("hung");
    }

    @Test
    void aPausedVmIsHardRebooted() {
        LadderDecision decision = ladder.plan(running(T0).withPower(PowerState.PAUSED, Optional.of("h1")),
                LadderState.initial(), T0);

        assertThat(decision.action()).isEqualTo(LadderAction.HARD_REBOOT);
        assertThat(decision.reason()).startsWith("Paused unexpectedly");
    }

    @Test
    void aVmPausedByItsAdministratorIsNeverRebootedAndThatIsSaidOnce() {
        VmObservation paused = running(T0.minusSeconds(600)).withPower(PowerState.PAUSED, Optional.of("h1"))
                .withPausedAt(Optional.of(T0));

        LadderDecision first = ladder.plan(paused, ranOnH1(), T0.plusSeconds(10));
        LadderDecision second = ladder.plan(paused, first.next(), T0.plusSeconds(5000));

        assertThat(first.action()).isEqualTo(LadderAction.ADMIN_PAUSE_LEFT);
        assertThat(first.acts()).isFalse();
        assertThat(first.recordNote()).isTrue();
        assertThat(first.reason()).startsWith("paused by its administrator at 2026-12-01T13:00:00Z");
        assertThat(second.recordNote()).isFalse();
    }

    @Test
    void aVmWithoutGuestAgentIsJudgedByItsPowerStateOnly() {
        assertThat(ladder.plan(running(null), LadderState.initial(), T0).action()).isEqualTo(LadderAction.NOTHING);
        assertThat(ladder.plan(crashed(), LadderState.initial(), T0).action()).isEqualTo(LadderAction.START_ON);
    }

    @Test
    void stillDownAfterAStepItWaitsTheStepWaitAndSaysSoOnce() {
        LadderState rebooted = ladder.plan(running(T0.minusSeconds(300)), LadderState.initial(), T0).next();

        LadderDecision first = ladder.plan(running(T0.minusSeconds(300)), rebooted, T0.plusSeconds(10));
        LadderDecision second = ladder.plan(running(T0.minusSeconds(300)), first.next(), T0.plusSeconds(20));

        assertThat(first.action()).isEqualTo(LadderAction.WAITING);
        assertThat(first.recordNote()).isTrue();
        assertThat(first.reason()).contains("after hard_reboot at 2026-12-01T13:00:00Z")
                .contains("not before 2026-12-01T13:03:20Z");
        assertThat(second.action()).isEqualTo(LadderAction.WAITING);
        assertThat(second.recordNote()).isFalse();
    }

    @Test
    void stillHungAfterTheWaitItIsRestartedOnAnotherHostThenGivenUp() {
        VmObservation hung = running(T0.minusSeconds(300));
        LadderState rebooted = ladder.plan(hung, LadderState.initial(), T0).next();

        LadderDecision step2 = ladder.plan(hung, rebooted, T0.plus(WAIT));

        assertThat(step2.action()).isEqualTo(LadderAction.RESTART_ELSEWHERE);
        assertThat(step2.avoidHostUuid()).contains("h1");
        assertThat(step2.vmHostUuid()).contains("h1");
        assertThat(step2.shutdownFirst()).isTrue();
        assertThat(step2.reason()).contains("step 2, VM.hard_shutdown then VM.start_on another host");
        assertThat(step2.next().step()).isEqualTo(LadderStep.RESTARTED);

        VmObservation hungOnH2 = VmObservation.running("vm-1", "web", "h2", T0);
        Instant later = T0.plus(WAIT).plus(WAIT);
        LadderDecision step3 = ladder.plan(hungOnH2, step2.next(), later);

        assertThat(step3.action()).isEqualTo(LadderAction.GIVE_UP);
        assertThat(step3.next().step()).isEqualTo(LadderStep.GAVE_UP);
        assertThat(step3.next().attempts()).isEqualTo(3);

        LadderDecision after = ladder.plan(hungOnH2, step3.next(), later.plusSeconds(600));
        assertThat(after.action()).isEqualTo(LadderAction.GIVEN_UP_STILL_DOWN);
        assertThat(after.acts()).isFalse();
    }

    @Test
    void aVmThatKeepsCrashingClimbsTheLadderAndItsHistoryClearsAfterAnHourOfHealth() {
        LadderDecision start = ladder.plan(crashed(), ranOnH1(), T0);
        LadderDecision recovered = ladder.plan(running(T0.plusSeconds(30)), start.next(), T0.plusSeconds(30));
        assertThat(recovered.action()).isEqualTo(LadderAction.RECOVERED);
        assertThat(recovered.recordNote()).isTrue();
        assertThat(recovered.reason()).contains("history kept until 2026-12-01T14:00:30Z");

        Instant crashAgain = T0.plusSeconds(600);
        LadderDecision step2 = ladder.plan(crashed(), recovered.next(), crashAgain);
        assertThat(step2.action()).isEqualTo(LadderAction.RESTART_ELSEWHERE);
        assertThat(step2.avoidHostUuid()).contains("h1");
        assertThat(step2.shutdownFirst()).isFalse();

        LadderState onH2 = ladder.plan(VmObservation.running("vm-1", "web", "h2", crashAgain.plusSeconds(20)),
                step2.next(), crashAgain.plusSeconds(20)).next();
        LadderDecision giveUp = ladder.plan(crashed(), onH2, crashAgain.plusSeconds(900));
        assertThat(giveUp.action()).isEqualTo(LadderAction.GIVE_UP);

        Instant fixed = crashAgain.plusSeconds(1000);
        LadderState healthy = ladder.plan(running(fixed), giveUp.next(), fixed).next();
        assertThat(ladder.plan(running(fixed.plusSeconds(3599)), healthy, fixed.plusSeconds(3599)).action())
                .isEqualTo(LadderAction.RECOVERED);
        LadderDecision reset = ladder.plan(running(fixed.plusSeconds(3600)), healthy, fixed.plusSeconds(3600));
        assertThat(reset.action()).isEqualTo(LadderAction.LADDER_RESET);
        assertThat(reset.reason()).contains("3 step(s)");
        assertThat(reset.next().step()).isEqualTo(LadderStep.NONE);
        assertThat(reset.next().attempts()).isZero();

        assertThat(ladder.plan(crashed(), reset.next(), fixed.plusSeconds(3700)).action())
                .isEqualTo(LadderAction.START_ON);
    }

    @Test
    void aVmShutDownByItsAdministratorIsNeverRestartedAndThatIsSaidOnce() {
        VmObservation shutDown = crashed().withMessages(Optional.of(T0.minusSeconds(3600)), Optional.of(T0));

        LadderDecision first = ladder.plan(shutDown, ranOnH1(), T0.plusSeconds(10));
        LadderDecision second = ladder.plan(shutDown, first.next(), T0.plusSeconds(5000));

        assertThat(first.action()).isEqualTo(LadderAction.ADMIN_SHUTDOWN_LEFT);
        assertThat(first.acts()).isFalse();
        assertThat(first.recordNote()).isTrue();
        assertThat(first.reason()).contains("shut down by its administrator at 2026-12-01T13:00:00Z");
        assertThat(second.action()).isEqualTo(LadderAction.ADMIN_SHUTDOWN_LEFT);
        assertThat(second.recordNote()).isFalse();
    }

    @Test
    void aCrashAfterTheAdministratorStartedItAgainIsACrash() {
        VmObservation crashedLater = crashed().withMessages(Optional.of(T0), Optional.of(T0.minusSeconds(60)));

        assertThat(ladder.plan(crashedLater, ranOnH1(), T0.plusSeconds(10)).action())
                .isEqualTo(LadderAction.START_ON);
    }

    @Test
    void theGuardsOwnShutdownOfStepTwoIsNotTakenForTheAdministrators() {
        VmObservation hung = running(T0.minusSeconds(300));
        LadderState rebooted = ladder.plan(hung, LadderState.initial(), T0).next();
        Instant step2At = T0.plus(WAIT);
        LadderState restarting = ladder.plan(hung, rebooted, step2At).next();
        // hard_shutdown done (its message stamped a second earlier, whole seconds), start_on never happened
        VmObservation leftHalted = crashed().withMessages(Optional.empty(), Optional.of(step2At.minusSeconds(1)));

        LadderDecision decision = ladder.plan(leftHalted, restarting, step2At.plus(WAIT));

        assertThat(decision.action()).isEqualTo(LadderAction.GIVE_UP);
    }

    @Test
    void aCrashAfterTheGuardsRestartWhoseShutdownAndStartShareASecondIsACrash() {
        VmObservation hung = running(T0.minusSeconds(300));
        LadderState rebooted = ladder.plan(hung, LadderState.initial(), T0).next();
        Instant step2At = T0.plus(WAIT);
        LadderState restarted = ladder.plan(hung, rebooted, step2At).next();
        // hard_shutdown and start_on stamped the same whole second; healthy, then it crashes (no message)
        VmObservation crashedLater = crashed().withMessages(Optional.of(step2At), Optional.of(step2At));

        assertThat(Ladder.adminShutdown(crashedLater, restarted)).isFalse();
        LadderState givenUp = ladder.plan(crashedLater, restarted, step2At.plus(WAIT)).next();
        assertThat(Ladder.adminShutdown(crashedLater, givenUp)).as("still not, once the last action is give_up")
                .isFalse();
        assertThat(ladder.plan(crashedLater, restarted, step2At.plus(WAIT)).action()).isEqualTo(LadderAction.GIVE_UP);
        VmObservation shutDownByAdmin = crashed().withMessages(Optional.of(step2At),
                Optional.of(step2At.plusSeconds(600)));
        assertThat(ladder.plan(shutDownByAdmin, restarted, step2At.plus(WAIT).plusSeconds(600)).action())
                .isEqualTo(LadderAction.ADMIN_SHUTDOWN_LEFT);
    }

    @Test
    void aVmWithAnOperationInProgressIsNotTouched() {
        LadderDecision decision = ladder.plan(running(T0.minusSeconds(300)).withOperation(Optional.of("pool_migrate")),
                LadderState.initial(), T0);

        assertThat(decision.action()).isEqualTo(LadderAction.WOULD_ACT_BUT);
        assertThat(decision.reason()).contains("operation pool_migrate is in progress");
    }

    @Test
    void aVmOnAHostThatIsNotFineIsLeftToTheHostPath() {
        LadderDecision decision = ladder.plan(running(T0.minusSeconds(300)).withHostFine(false),
                LadderState.initial(), T0);

        assertThat(decision.action()).isEqualTo(LadderAction.NOT_LADDERS);
        assertThat(decision.recordNote()).isFalse();
    }

    @Test
    void aSuspendedVmIsLeftAsItIs() {
        LadderDecision decision = ladder.plan(crashed().withPower(PowerState.SUSPENDED, Optional.empty()),
                LadderState.initial(), T0);

        assertThat(decision.action()).isEqualTo(LadderAction.NOT_LADDERS);
        assertThat(decision.acts()).isFalse();
    }
}
