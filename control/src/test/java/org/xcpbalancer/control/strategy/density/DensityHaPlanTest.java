package org.xcpbalancer.control.strategy.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.strategy.density.DensityStrategyTest.WOL;
import static org.xcpbalancer.control.strategy.density.DensityStrategyTest.plan;
import static org.xcpbalancer.control.strategy.density.DensityStrategyTest.power;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.StrategyPlan;

/** Density keeps XAPI's HA plan (ha_host_failures_to_tolerate) when it empties a host and powers it off. */
class DensityHaPlanTest {
    /**
     * Five 8-core 32 GB hosts, Host1 the master. Host1..Host4 each run one protected VM of 19 GB (13 GB left
     * free), Host5 runs nothing: it is the only host with room to restart a 19 GB VM if another host fails. The load
     * (76 GB) fits on the other hosts less the spare one (3 x 27.2 GB), so density alone would power Host5 off.
     */
    private static SnapshotBuilder haSpare() {
        SnapshotBuilder pool = new SnapshotBuilder();
        for (int i = 1; i <= 5; i++) {
            pool.host("Host" + i, 8, 32768).powerOnMode("Host" + i, WOL);
        }
        for (int i = 1; i <= 4; i++) {
            pool.vm("P" + i, "Host" + i, 2, 10, 19456).haRestart("P" + i);
        }
        return pool;
    }

    @Test
    void aHostWhoseFreeMemoryTheHaPlanNeedsIsNotPoweredOffAndTheReasonIsStored() {
        StrategyPlan plan = plan(haSpare().ha(1).build(), true);

        assertThat(plan.powerActions()).isEmpty();
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.decisions()).filteredOn(d -> SnapshotBuilder.uuid("Host5").equals(d.hostUuid()))
                .singleElement().satisfies(d -> {
                    assertThat(d.action()).isEqualTo(DecisionAction.SKIP);
                    assertThat(d.reason()).isEqualTo("Host5 is not powered off: with it disabled and powered off,"
                            + " XAPI's HA could not restart the protected VMs of Host1 if it failed"
                            + " (ha_host_failures_to_tolerate 1), so XAPI would refuse host.disable"
                            + " (HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN)");
                });
        // Emptying Host2 onto Host5 is refused as a move: with Host2 disabled, Host5 is the last room for P1.
        assertThat(plan.decisions()).extracting(Decision::reason).contains("Host2 is not powered off: P2 has no"
                + " destination (after moving P2 to Host5, XAPI's HA could not restart the protected VMs of Host1 if it"
                + " failed (ha_host_failures_to_tolerate 1))");
    }

    @Test
    void withNoFailureToTolerateOrHaOffTheSameHostIsPoweredOff() {
        assertThat(power(plan(haSpare().ha(0).build(), true))).containsExactly("power off Host5");
        assertThat(power(plan(haSpare().build(), true))).containsExactly("power off Host5");
    }

    /**
     * Host4 (the most idle watts) runs W (6 GB). Host1 runs the protected P1 (20 GB) and is the busiest; Host2 has
     * 18 GB free, Host3 22 GB and the least CPU load. With Host4 still counted as a restart target W would go to
     * Host3, leaving P1 no host with 20 GB once Host4 is off; planned with Host4 disabled, W goes to Host2.
     */
    private static SnapshotBuilder smallVmOnHost4() {
        SnapshotBuilder pool = new SnapshotBuilder();
        for (int i = 1; i <= 4; i++) {
            pool.host("Host" + i, 8, 32768).powerOnMode("Host" + i, WOL);
        }
        return pool.vm("P1", "Host1", 4, 50, 20480).haRestart("P1").vm("F2", "Host2", 2, 50, 14336)
                .vm("F3", "Host3", 1, 10, 10240).vm("W", "Host4", 1, 10, 6144);
    }

    @Test
    void theVmsOfTheHostGoWhereThePlanHoldsWithoutIt() {
        SnapshotBuilder pool = smallVmOnHost4();
        String[] watts = {"density.hostWatts=Host4=200/400"};

        StrategyPlan kept = plan(pool.ha(1).build(), true, watts);
        assertThat(kept.moves()).extracting(PlannedMove::summary).containsExactly("W: Host4 -> Host2");
        assertThat(power(kept)).containsExactly("power off Host4");

        StrategyPlan off = plan(pool.ha(0).build(), true, watts);
        assertThat(off.moves()).extracting(PlannedMove::summary).containsExactly("W: Host4 -> Host3");
    }

    /**
     * The pool with Host4 disabled still holds the moves planned before density: once F3 (10 GB) went from Host3 to
     * Host2, Host3 is empty and keeps room for P1 (20 GB) even with W there, so W goes to the least loaded host.
     */
    @Test
    void theHostIsDisabledOnThePoolAsTheStrategiesBeforeDensityLeftIt() {
        PoolSnapshot snapshot = smallVmOnHost4().ha(1).build();
        PlannedMove f3 = new PlannedMove(SnapshotBuilder.uuid("F3"), "F3", 10240, SnapshotBuilder.uuid("Host3"), "Host3",
                SnapshotBuilder.uuid("Host2"), "Host2", null, "balancing", null);

        StrategyPlan plan = plan(snapshot, true, List.of(f3), "density.hostWatts=Host4=200/400");

        assertThat(plan.moves()).extracting(PlannedMove::summary).containsExactly("W: Host4 -> Host3");
        assertThat(power(plan)).containsExactly("power off Host4");
    }
}
