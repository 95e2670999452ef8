package org.xcpbalancer.control.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.xcpbalancer.control.plan.PoolFixtures.host;
import static org.xcpbalancer.control.plan.PoolFixtures.vm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmState;

class PredictedPoolTest {
    private static final HostRule CPU_25 = new HostRule(RuleSubject.CpuAverage, 25);
    private final HostState idle = host("Idle", 4, 20, 16384, 8000);
    private final HostState busy = host("Busy", 4, 80, 16384, 4000);
    /** 2 vCPUs at 80 %: 40 points of a 4-CPU host. */
    private final VmState web = vm("Web", busy, 2, 80, 2048);
    private final PredictedPool pool = PredictedPool.of(List.of(idle, busy), List.of(web), Map.of());

    @Test
    void averageDeviationAndViolationFollowTheCollectedValues() {
        assertThat(pool.average(RuleSubject.CpuAverage)).isEqualTo(50.0);
        assertThat(pool.deviation(RuleSubject.CpuAverage, 1)).isEqualTo(30.0);
        assertThat(pool.violates(CPU_25, 1)).isTrue();
        assertThat(pool.violates(CPU_25, 0)).isFalse();
        assertThat(pool.violators(CPU_25)).containsExactly(1);
        assertThat(pool.imbalance(List.of(CPU_25))).as("(30² + 30²) / 25²").isCloseTo(2.88, within(1e-9));
    }

    @Test
    void withMoveReturnsANewPoolAndLeavesThisOneAsItWas() {
        PredictedPool after = pool.withMove(web, 1, 0);

        assertThat(after.value(RuleSubject.CpuAverage, 0)).isCloseTo(60.0, within(1e-9));
        assertThat(after.value(RuleSubject.CpuAverage, 1)).isCloseTo(40.0, within(1e-9));
        assertThat(after.freeMemoryMb(0)).isEqualTo(8000 - 2048);
        assertThat(after.freeMemoryMb(1)).isEqualTo(4000 + 2048);
        assertThat(after.hostOf(web.uuid())).isEqualTo(0);
        assertThat(after.violators(CPU_25)).isEmpty();

        assertThat(pool.value(RuleSubject.CpuAverage, 1)).isEqualTo(80.0);
        assertThat(pool.freeMemoryMb(0)).isEqualTo(8000);
        assertThat(pool.hostOf(web.uuid())).isEqualTo(1);
    }

    @Test
    void predictScoresAMoveExactlyAsWithMoveThenImbalanceWould() {
        MoveOutcome outcome = pool.predict(web, 1, 0, List.of(CPU_25));

        assertThat(outcome.sourceAfter(RuleSubject.CpuAverage)).isCloseTo(40.0, within(1e-9));
        assertThat(outcome.destinationAfter(RuleSubject.CpuAverage)).isCloseTo(60.0, within(1e-9));
        assertThat(outcome.averageAfter(RuleSubject.CpuAverage)).isCloseTo(50.0, within(1e-9));
        assertThat(outcome.imbalance()).as("(10² + 10²) / 25²").isCloseTo(0.32, within(1e-9))
                .isCloseTo(pool.withMove(web, 1, 0).imbalance(List.of(CPU_25)), within(1e-9));
    }

    @Test
    void anUnmeasuredHostTakesNoPartInTheAverage() {
        HostState dark = host("Dark", 4, null, 16384, 8000, true, true);
        PredictedPool withDark = PredictedPool.of(List.of(idle, busy, dark), List.of(web), Map.of());

        assertThat(withDark.average(RuleSubject.CpuAverage)).isEqualTo(50.0);
        assertThat(withDark.value(RuleSubject.CpuAverage, 2)).isNaN();
        assertThat(withDark.violates(CPU_25, 2)).isFalse();
    }

    @Test
    void migrationsInFlightReserveTheirVmsMemoryOnTheDestinationUntilItArrives() {
        VmState db = vm("Db", busy, 2, 10, 4096);
        VmState arrived = vm("Arrived", idle, 1, 10, 1024);
        MigrationFacts facts = new MigrationFacts(Map.of(), Map.of(), Map.of(),
                Map.of(db.uuid(), idle.uuid(), arrived.uuid(), idle.uuid()), Set.of(idle.uuid(), busy.uuid()));
        PoolRef ref = new PoolRef(1, "pool-uuid", "test-pool", "10.0.0.1", Optional.of(PoolFixtures.NOW));
        PoolSnapshot snapshot = new PoolSnapshot(new PoolState(ref, List.of(idle, busy), List.of(web, db, arrived), List.of(),
                PoolHa.DISABLED, false),
                List.of(CPU_25), PoolFixtures.NOW, Map.of(), facts);

        PredictedPool predicted = PredictedPool.of(snapshot);

        assertThat(predicted.reservedMemoryMb(predicted.indexOf(idle.uuid())))
                .as("Db is still on Busy; Arrived is already counted").isEqualTo(4096);
        assertThat(predicted.reservedMemoryMb(predicted.indexOf(busy.uuid()))).isZero();
    }

    @Test
    void occupiedMemoryPercentMovesByTheVmsShareOfEachHostsOwnMemory() {
        // 48 of 64 GB (75 %) beside 128 of 512 GB (25 %): in MB the big host looks the fuller one.
        HostState small = host("Small64", 8, 30, 65536, 16384);
        HostState big = host("Big512", 8, 30, 524288, 393216);
        VmState db = vm("Db", small, 2, 10, 8192);
        PredictedPool mixed = PredictedPool.of(List.of(small, big), List.of(db), Map.of());
        HostRule percent20 = new HostRule(RuleSubject.OccupiedMemoryPercent, 20);

        assertThat(mixed.value(RuleSubject.OccupiedMemoryPercent, 0)).isCloseTo(75.0, within(1e-9));
        assertThat(mixed.value(RuleSubject.OccupiedMemoryPercent, 1)).isCloseTo(25.0, within(1e-9));
        assertThat(mixed.violators(percent20)).containsExactly(0);
        assertThat(mixed.deviation(RuleSubject.OccupiedMemoryMb, 1)).as("by MB the big host is above the average")
                .isPositive();

        PredictedPool after = mixed.withMove(db, 0, 1);
        assertThat(after.value(RuleSubject.OccupiedMemoryPercent, 0)).as("8 GB is 12.5 % of 64 GB")
                .isCloseTo(62.5, within(1e-9));
        assertThat(after.value(RuleSubject.OccupiedMemoryPercent, 1)).as("and 1.5625 % of 512 GB")
                .isCloseTo(26.5625, within(1e-9));
        assertThat(after.average(RuleSubject.OccupiedMemoryPercent)).isCloseTo(44.53125, within(1e-9));
        MoveOutcome outcome = mixed.predict(db, 0, 1, List.of(percent20));
        assertThat(outcome.sourceAfter(RuleSubject.OccupiedMemoryPercent)).isCloseTo(62.5, within(1e-9));
        assertThat(outcome.averageAfter(RuleSubject.OccupiedMemoryPercent)).isCloseTo(44.53125, within(1e-9));
        assertThat(outcome.imbalance()).isCloseTo(after.imbalance(List.of(percent20)), within(1e-9));
    }
}
