package org.xcpbalancer.control.strategy.density;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.control.mode.ControlMode;
import org.xcpbalancer.control.placement.Placement;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.Eligibility;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PlannedPowerAction;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.control.plan.StrategyPlan;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.state.HostPowerRecord;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.PowerActionState;
import org.xcpbalancer.core.state.VmState;

class DensityStrategyTest {
    static final String WOL = "wake-on-lan";

    /** Four 8-core 32 GB hosts, Host1 the master, each with two light VMs: a quiet night. */
    private static SnapshotBuilder night() {
        SnapshotBuilder pool = new SnapshotBuilder();
        for (int i = 1; i <= 4; i++) {
            pool.host("Host" + i, 8, 32768).powerOnMode("Host" + i, WOL);
            pool.vm("Vm" + i + "a", "Host" + i, 2, 10, 2048).vm("Vm" + i + "b", "Host" + i, 2, 10, 2048);
        }
        return pool;
    }

    /** The density strategy's plan of the snapshot with these settings (DensityHaPlanTest asks it too). */
    static StrategyPlan plan(PoolSnapshot snapshot, boolean densityMode, String... settings) {
        return plan(snapshot, densityMode, List.of(), settings);
    }

    /** As {@link #plan(PoolSnapshot, boolean, String...)} after the moves of the strategies before density. */
    static StrategyPlan plan(PoolSnapshot snapshot, boolean densityMode, List<PlannedMove> before, String... settings) {
        Settings read = TestSettings.of(settings);
        SafetyPolicy policy = SafetyPolicy.from(read);
        Eligibility gate = Eligibility.of(snapshot, policy);
        PredictedPool pool = PredictedPool.of(snapshot);
        for (PlannedMove move : before) {
            VmState vm = snapshot.vms().stream().filter(v -> v.uuid().equals(move.vmUuid())).findFirst().orElseThrow();
            pool = pool.withMove(vm, pool.indexOf(move.sourceUuid()), pool.indexOf(move.destinationUuid()));
        }
        PlanningInput input = new PlanningInput(snapshot, gate, Placement.standard(policy), pool, before,
                policy.maxMigrationsPerRun() - before.size(), policy,
                densityMode ? ControlMode.DENSITY : ControlMode.PERFORMANCE);
        return DensityStrategy.from(read).plan(input);
    }

    private static List<String> moves(StrategyPlan plan) {
        return plan.moves().stream().map(PlannedMove::summary).toList();
    }

    static List<String> power(StrategyPlan plan) {
        return plan.powerActions().stream().map(PlannedPowerAction::summary).toList();
    }

    private static HostPowerRecord record(String host, PowerActionKind kind, PowerActionState state, Duration ago) {
        return new HostPowerRecord(1, SnapshotBuilder.uuid(host), host, kind, state, "test",
                SnapshotBuilder.NOW.minus(ago), state == PowerActionState.STARTED ? null : SnapshotBuilder.NOW.minus(ago),
                null, null);
    }

    @Test
    void aQuietNightEmptiesOneHostThatIsNotTheMasterAndPowersItOffAfterItsMoves() {
        StrategyPlan plan = plan(night().build(), true);

        assertThat(moves(plan)).hasSize(2).allMatch(m -> m.startsWith("Vm2") && m.contains(": Host2 -> "));
        assertThat(power(plan)).containsExactly("power off Host2");
        assertThat(plan.powerActions().get(0).afterMovesOf()).containsExactlyInAnyOrder(
                SnapshotBuilder.uuid("Vm2a"), SnapshotBuilder.uuid("Vm2b"));
        assertThat(plan.decisions()).filteredOn(d -> d.action() == DecisionAction.POWER_OFF).singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("Host2 (idle 100 W) is powered off once empty: its 2"
                        + " VM(s) move to the other hosts; CPU 1.6 of 11.2 cores"));
    }

    @Test
    void theHostThatDrawsMostAtIdleGoesFirst() {
        StrategyPlan plan = plan(night().build(), true, "density.hostWatts=Host3=180/400, Host4=90/250");

        assertThat(power(plan)).containsExactly("power off Host3");
    }

    @Test
    void hostsWithoutPowerOnModeAreNeverChosenAndSaySo() {
        SnapshotBuilder pool = night();
        for (int i = 2; i <= 4; i++) {
            pool.powerOnMode("Host" + i, "");
        }
        StrategyPlan plan = plan(pool.build(), true);

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.powerActions()).isEmpty();
        assertThat(plan.decisions()).extracting(Decision::reason).contains(
                "Host1 is not powered off: it is the pool master",
                "Host2 is not powered off: its power_on_mode is not set, so host.power_on could not wake it again");
    }

    @Test
    void aVmWithAVgpuKeepsItsHostOn() {
        StrategyPlan plan = plan(night().passthrough("Vm2a", "vgpu").build(), true);

        assertThat(power(plan)).containsExactly("power off Host3");
        assertThat(plan.decisions()).extracting(Decision::reason).noneMatch(r -> r.startsWith("Host2"));
        StrategyPlan alone = plan(night().passthrough("Vm2a", "vgpu").powerOnMode("Host3", "")
                .powerOnMode("Host4", "").build(), true);
        assertThat(alone.powerActions()).isEmpty();
        assertThat(alone.decisions()).extracting(Decision::reason).anyMatch(r -> r.startsWith(
                "Host2 is not powered off: it keeps Vm2a, which"));
    }

    @Test
    void aHostIsEmptiedOnlyWhenAllItsVmsFitInTheRunsMoves() {
        SnapshotBuilder pool = night().vm("Vm2c", "Host2", 1, 5, 1024);
        StrategyPlan plan = plan(pool.build(), true, "control.maxMigrationsPerRun=2");

        assertThat(power(plan)).containsExactly("power off Host3");
        assertThat(moves(plan)).allMatch(m -> m.contains(": Host3 -> "));
    }

    @Test
    void nothingGoesWhenTheLoadWouldNotFitWithTheSpareHost() {
        SnapshotBuilder pool = new SnapshotBuilder();
        for (int i = 1; i <= 3; i++) {
            pool.host("Host" + i, 8, 32768).powerOnMode("Host" + i, WOL).vm("Busy" + i, "Host" + i, 8, 45, 8192);
        }
        StrategyPlan plan = plan(pool.build(), true);

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.powerActions()).isEmpty();
        assertThat(plan.decisions()).extracting(Decision::reason).anyMatch(r -> r.startsWith(
                "Host2 is not powered off: without it the load would not fit: CPU 10.8 of 5.6 cores"));
    }

    @Test
    void whenTheHeadroomIsGoneTheHostWePoweredOffIsPoweredOnAndNoOtherIs() {
        SnapshotBuilder pool = new SnapshotBuilder();
        for (int i = 1; i <= 4; i++) {
            pool.host("Host" + i, 8, 32768).powerOnMode("Host" + i, WOL);
        }
        pool.vm("Busy1", "Host1", 8, 60, 8192).vm("Busy2", "Host2", 8, 60, 8192).off("Host3").off("Host4")
                .power(record("Host4", PowerActionKind.POWER_OFF, PowerActionState.DONE, Duration.ofHours(3)));
        StrategyPlan plan = plan(pool.build(), true);

        assertThat(power(plan)).containsExactly("power on Host4");
        assertThat(plan.decisions()).filteredOn(d -> d.action() == DecisionAction.POWER_ON).singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("Host4 (idle 100 W) is powered on: the headroom is gone:"));

        StrategyPlan anyHost = plan(pool.build(), true, "density.powerOnAnyHost=true",
                "density.hostWatts=Host3=80/300");
        assertThat(power(anyHost)).containsExactly("power on Host3");
    }

    @Test
    void aHostBeingWokenIsWaitedForAndNotEmptiedAgainWithinTheCooldown() {
        SnapshotBuilder pool = night().off("Host4")
                .power(record("Host4", PowerActionKind.POWER_ON, PowerActionState.STARTED, Duration.ofMinutes(2)));
        StrategyPlan waiting = plan(pool.build(), true);
        assertThat(waiting.powerActions()).isEmpty();
        assertThat(waiting.moves()).isEmpty();
        assertThat(waiting.decisions()).extracting(Decision::reason).containsExactly(
                "Host4 is being powered on: waiting for it to be live and enabled (density.bootTimeout 20m)");

        SnapshotBuilder back = new SnapshotBuilder();
        for (int i = 1; i <= 2; i++) {
            back.host("Host" + i, 8, 32768).powerOnMode("Host" + i, WOL).vm("Vm" + i, "Host" + i, 2, 10, 2048);
        }
        back.power(record("Host2", PowerActionKind.POWER_ON, PowerActionState.DONE, Duration.ofMinutes(10)));
        StrategyPlan cooling = plan(back.host("Host3", 8, 32768).powerOnMode("Host3", WOL).build(), true);
        assertThat(power(cooling)).containsExactly("power off Host3");
    }

    @Test
    void aHostWhosePowerOffFailedIsNotChosenAgainBeforeTheBackoff() {
        String refused = "XAPI shows Vm2c (Paused) on it before host.disable";
        HostPowerRecord failed = new HostPowerRecord(1, SnapshotBuilder.uuid("Host2"), "Host2",
                PowerActionKind.POWER_OFF, PowerActionState.FAILED, "test", SnapshotBuilder.NOW.minusSeconds(600),
                SnapshotBuilder.NOW.minusSeconds(599), null, refused);
        assertThat(power(plan(night().power(failed).build(), true))).containsExactly("power off Host3");

        SnapshotBuilder onlyHost2 = night().power(failed).powerOnMode("Host3", "").powerOnMode("Host4", "");
        StrategyPlan plan = plan(onlyHost2.build(), true);
        assertThat(plan.powerActions()).isEmpty();
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.decisions()).extracting(Decision::reason).contains("Host2 is not powered off: its power-off"
                + " failed at " + SnapshotBuilder.NOW.minusSeconds(599) + " (" + refused + "); not tried again before"
                + " density.powerOffRetryAfter 1h has passed");

        StrategyPlan later = plan(onlyHost2.build(), true, "density.powerOffRetryAfter=5m");
        assertThat(power(later)).containsExactly("power off Host2");
    }

    @Test
    void inPerformanceModeOnlyHostsWePoweredOffArePoweredOnAndNothingIsEmptied() {
        SnapshotBuilder pool = night().off("Host3").off("Host4")
                .power(record("Host4", PowerActionKind.POWER_OFF, PowerActionState.DONE, Duration.ofHours(8)));
        StrategyPlan plan = plan(pool.build(), false);

        assertThat(plan.moves()).isEmpty();
        assertThat(power(plan)).containsExactly("power on Host4");
        assertThat(plan(night().build(), false).powerActions()).isEmpty();
    }

    @Test
    void thePerRunCapBoundsHowManyHostsAreWokenAtOnce() {
        SnapshotBuilder pool = night().off("Host3").off("Host4").power(
                record("Host3", PowerActionKind.POWER_OFF, PowerActionState.DONE, Duration.ofHours(8)),
                record("Host4", PowerActionKind.POWER_OFF, PowerActionState.DONE, Duration.ofHours(8)));

        assertThat(power(plan(pool.build(), false))).containsExactly("power on Host3");
        assertThat(power(plan(pool.build(), false, "density.maxPowerActionsPerRun=2")))
                .containsExactly("power on Host3", "power on Host4");
    }

    @Test
    void noPowerActionWhenTheCapIsZero() {
        StrategyPlan plan = plan(night().build(), true, "density.maxPowerActionsPerRun=0");

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.powerActions()).isEmpty();
    }
}
