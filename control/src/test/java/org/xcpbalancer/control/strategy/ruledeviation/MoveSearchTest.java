package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.SnapshotBuilder.uuid;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.control.placement.Placement;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.Eligibility;
import org.xcpbalancer.control.plan.PlanningInput;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.core.state.RuleSubject;

/** One search off the most severe violation, with the framework's inputs built as a run builds them. */
class MoveSearchTest {
    private final DecisionLog log = new DecisionLog();

    private static SnapshotBuilder paperPool() {
        return new SnapshotBuilder().host("Host1", 4, 16384).host("Host2", 4, 16384)
                .vm("VM1 - Debian", "Host1", 2, 50, 2048).vm("VM2 - Debian", "Host2", 2, 99.75, 2048)
                .vm("VM3 - Ubuntu", "Host2", 3, 66.5, 2048).hostOverhead("Host1", 1).rule(RuleSubject.CpuAverage, 25);
    }

    private MoveSearch search(PoolSnapshot snapshot, Set<String> movedVms, String... settings) {
        SafetyPolicy policy = TestSettings.policy(settings);
        PredictedPool pool = PredictedPool.of(snapshot);
        PlanningInput input = new PlanningInput(snapshot, Eligibility.of(snapshot, policy), Placement.standard(policy),
                pool, List.of(), policy.maxMigrationsPerRun(), policy);
        Violation worst = Violation.all(pool, snapshot.rules()).get(0);
        return new MoveSearch(input, pool, worst, movedVms, log, RuleDeviationArgs.MIN_IMPROVEMENT);
    }

    @Test
    void theMoveThatLowersTheImbalanceMostWins() {
        PoolSnapshot snapshot = paperPool().build();
        Optional<MoveSearch.Choice> choice = search(snapshot, new HashSet<>()).best();
        assertThat(choice).get().satisfies(c -> {
            assertThat(c.vm().name()).isEqualTo("VM2 - Debian");
            assertThat(c.violation().host().name()).isEqualTo("Host2");
            assertThat(c.betterButFull()).isEmpty();
        });
    }

    @Test
    void aVmAlreadyMovingInThisRunIsNotACandidate() {
        Optional<MoveSearch.Choice> choice = search(paperPool().build(), new HashSet<>(Set.of(uuid("VM2 - Debian")))).best();
        assertThat(choice).get().extracting(c -> c.vm().name()).isEqualTo("VM3 - Ubuntu");
    }

    @Test
    void aMoveThatOnlyFlipsTheImbalanceIsTurnedDownAndSaysWhy() {
        PoolSnapshot snapshot = new SnapshotBuilder().host("Host1", 4, 16384).host("Host2", 4, 16384)
                .vm("Big", "Host2", 4, 100, 4096).rule(RuleSubject.CpuAverage, 25).build();
        MoveSearch search = search(snapshot, new HashSet<>());
        assertThat(search.best()).isEmpty();
        assertThat(search.whyNothing()).isEqualTo("of 1 possible move(s) none is safe: 1 would make the destination "
                + "violate a rule (e.g. moving Big to Host1 would put Host1 at 100.0 %, +50.0 points above the average "
                + "50.0 % (CpuAverage threshold 25 points): the imbalance would only flip)");
    }

    @Test
    void vmsTheGateHoldsBackAreLoggedOnceAndNamedInWhyNothing() {
        PoolSnapshot snapshot = paperPool().build();
        MoveSearch first = search(snapshot, new HashSet<>(), "control.excludeVms=VM2 - Debian,VM3 - Ubuntu");
        assertThat(first.best()).isEmpty();
        assertThat(first.whyNothing()).startsWith("no VM on it may move (VM2 - Debian is listed in control.excludeVms; ");
        search(snapshot, new HashSet<>(), "control.excludeVms=VM2 - Debian,VM3 - Ubuntu").best();

        assertThat(log.decisions()).hasSize(2).allSatisfy(d -> assertThat(d.action()).isEqualTo(DecisionAction.EXCLUDE))
                .anySatisfy(d -> assertThat(d.reason()).isEqualTo(
                        "VM2 - Debian stays on Host2: it is listed in control.excludeVms"));
    }

    @Test
    void aMoveThatWouldPushAThirdHostOverTheLoweredAverageIsTurnedDownAndSaysWhy() {
        // A's 2 vCPUs at 90 % are 90 points on 2-CPU Host1 but 11.25 on a 16-CPU host: moving it there lowers the
        // average from 32.5 to 12.8 %, and Host3 (40 %, within the rule now) would be 27.2 points above it.
        PoolSnapshot snapshot = new SnapshotBuilder().host("Host1", 2, 16384).host("Host2", 16, 16384)
                .host("Host3", 4, 16384).host("Host4", 16, 16384).vm("A", "Host1", 2, 90, 1024)
                .vm("B", "Host3", 4, 40, 1024).rule(RuleSubject.CpuAverage, 25).build();
        MoveSearch search = search(snapshot, new HashSet<>());
        assertThat(search.best()).isEmpty();
        assertThat(search.whyNothing()).startsWith("of 3 possible move(s) none is safe: 2 would make another host "
                + "violate a rule (e.g. moving A to Host2 would lower the CpuAverage average so that another host "
                + "violates it; moving A to Host4 would lower the CpuAverage average so that another host violates it); "
                + "1 would make the destination violate a rule (e.g. moving A to Host3 would put Host3 at 85.0 %");
    }

    @Test
    void aVmWhoseMoveWouldNotLowerTheViolatingHostIsTurnedDownAndSaysWhy() {
        PoolSnapshot snapshot = new SnapshotBuilder().host("Host1", 4, 16384).host("Host2", 4, 16384)
                .vm("Hot", "Host1", 4, 100, 1024).vm("Idle", "Host1", 1, 0, 1024).rule(RuleSubject.CpuAverage, 25)
                .build();
        MoveSearch search = search(snapshot, new HashSet<>());
        assertThat(search.best()).isEmpty();
        assertThat(search.whyNothing()).startsWith("of 2 possible move(s) none is safe: 1 would make the destination")
                .endsWith("; 1 would not lower the violating host's value (e.g. moving Idle would not lower Host1's "
                        + "CpuAverage)");
    }
}
