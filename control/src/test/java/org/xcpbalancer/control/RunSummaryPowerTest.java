package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.log.ControlRunLog.Outcome;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.power.PowerExecutor;
import org.xcpbalancer.core.cli.ExitCode;

/** A run's summary line, outcome and exit code count its host power actions, not only its migrations. */
class RunSummaryPowerTest {
    private static final MigrationPlan NO_MOVE = MigrationPlan.nothing("density");
    private static final MigrationExecutor.Report NO_MIGRATION = new MigrationExecutor.Report(List.of());

    @Test
    void aRunThatOnlyPowersAHostOnSaysSoAndIsNotCalledBalanced() {
        PowerExecutor.Result power = new PowerExecutor.Result(List.of(), List.of("power on Host3"), 0, 0);

        assertThat(RunSummary.summary(NO_MOVE, NO_MIGRATION, power)).isEqualTo("No migration. Power: power on Host3.");
        assertThat(RunSummary.exitCode(NO_MOVE, NO_MIGRATION, power)).isEqualTo(ExitCode.OK);
    }

    @Test
    void aFailedPowerActionFailsTheRunWithTheExitCodeOfAFailedMigration() {
        PowerExecutor.Result power = new PowerExecutor.Result(List.of(), List.of(), 1, 0);

        assertThat(RunSummary.summary(NO_MOVE, NO_MIGRATION, power)).isEqualTo("No migration. Power: 1 not taken (failed).");
        assertThat(RunSummary.exitCode(NO_MOVE, NO_MIGRATION, power)).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(RunSummary.outcome(NO_MOVE, NO_MIGRATION, power)).isEqualTo(Outcome.FAILED);
    }

    @Test
    void anActionTheLeaseFenceHeldBackIsSaidButIsNoFailure() {
        PowerExecutor.Result power = new PowerExecutor.Result(List.of(), List.of(), 0, 1);

        assertThat(RunSummary.summary(NO_MOVE, NO_MIGRATION, power)).contains("1 not sent (the lease is lost)");
        assertThat(RunSummary.exitCode(NO_MOVE, NO_MIGRATION, power)).isEqualTo(ExitCode.OK);
    }

    @Test
    void withoutPowerActionsTheSummaryIsUnchanged() {
        assertThat(RunSummary.summary(NO_MOVE, NO_MIGRATION, PowerExecutor.Result.NONE)).isEqualTo("No migration.");
        assertThat(RunSummary.exitCode(NO_MOVE, NO_MIGRATION, PowerExecutor.Result.NONE)).isEqualTo(ExitCode.OK);
    }
}
