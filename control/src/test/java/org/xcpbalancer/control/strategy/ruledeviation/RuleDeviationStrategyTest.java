package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.xcpbalancer.control.SnapshotBuilder.uuid;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.core.state.RuleSubject;

/** The planner alone, over hand-built snapshots: the algorithm of issue 6 and each of its safety rules. */
class RuleDeviationStrategyTest {
    /** The gate and the strategy over the snapshot, with the settings lines given and defaults otherwise. */
    private static MigrationPlan plan(SnapshotBuilder pool, String... settings) {
        return TestSettings.plan(TestSettings.chain(settings), pool.build());
    }

    /** The paper's pool: Host1 ~26 % with VM1, Host2 100 % with VM2 and VM3, rule CpuAverage 25. */
    private static SnapshotBuilder paperPool() {
        return new SnapshotBuilder()
                .host("Host1", 4, 16384).host("Host2", 4, 16384)
                .vm("VM1 - Debian", "Host1", 2, 50, 2048)
                .vm("VM2 - Debian", "Host2", 2, 99.75, 2048)
                .vm("VM3 - Ubuntu", "Host2", 3, 66.5, 2048)
                .hostOverhead("Host1", 1)
                .rule(RuleSubject.CpuAverage, 25);
    }

    private static List<String> lines(MigrationPlan plan, DecisionAction action) {
        return plan.decisions().stream().filter(d -> d.action() == action).map(Decision::reason).toList();
    }

    @Test
    void paperPoolMovesExactlyOneVmFromHost2ToHost1() {
        MigrationPlan plan = plan(paperPool());

        assertThat(plan.moves()).hasSize(1);
        PlannedMove move = plan.moves().get(0);
        assertThat(move.sourceName()).isEqualTo("Host2");
        assertThat(move.destinationName()).isEqualTo("Host1");
        assertThat(move.vmName()).isIn("VM2 - Debian", "VM3 - Ubuntu");
        // Before: 26 and 100, average 63; after: both within 25 points of the average.
        assertThat(move.prediction().sourceBefore()).isCloseTo(100, within(0.5));
        assertThat(move.prediction().destinationBefore()).isCloseTo(26, within(0.5));
        assertThat(move.prediction().averageBefore()).isCloseTo(63, within(0.5));
        assertThat(Math.abs(move.prediction().sourceAfter() - move.prediction().averageAfter())).isLessThan(25);
        assertThat(Math.abs(move.prediction().destinationAfter() - move.prediction().averageAfter())).isLessThan(25);
        assertThat(move.reason()).contains("Host2 violates CpuAverage", "+36.9 points above the pool average 62.9 %", "no host newly violates");
        assertThat(lines(plan, DecisionAction.MOVE)).hasSize(1);
    }

    @Test
    void paperPoolAfterTheMoveIsBalanced() {
        MigrationPlan plan = plan(new SnapshotBuilder()
                .host("Host1", 4, 16384).host("Host2", 4, 16384)
                .vm("VM1 - Debian", "Host1", 2, 50, 2048)
                .vm("VM2 - Debian", "Host1", 2, 100, 2048)
                .vm("VM3 - Ubuntu", "Host2", 3, 67, 2048)
                .rule(RuleSubject.CpuAverage, 25));

        assertThat(plan.moves()).isEmpty();
        assertThat(lines(plan, DecisionAction.BALANCED)).singleElement().asString().contains("every host is within");
    }

    @Test
    void aSingleLargeVmWhoseMoveWouldOnlyFlipTheImbalanceStaysPut() {
        MigrationPlan plan = plan(new SnapshotBuilder()
                .host("Host1", 4, 16384).host("Host2", 4, 16384)
                .vm("Big", "Host2", 4, 100, 4096)
                .rule(RuleSubject.CpuAverage, 25));

        assertThat(plan.moves()).isEmpty();
        assertThat(lines(plan, DecisionAction.NO_MOVE)).singleElement().asString()
                .contains("Host2 violates CpuAverage", "nothing moved", "moving Big to Host1 would put Host1 at 100.0 %",
                        "the imbalance would only flip");
    }

    @Test
    void aDestinationWithoutFreeMemoryIsSkippedForTheNextBest() {
        MigrationPlan plan = plan(new SnapshotBuilder()
                .host("Idle", 4, 4096).host("Busy", 4, 65536).host("Some", 4, 65536)
                .vm("Small", "Idle", 1, 10, 3500)
                .vm("Web", "Busy", 4, 100, 8192)
                .vm("Db", "Busy", 2, 50, 8192)
                .vm("Light", "Some", 1, 40, 1024)
                .rule(RuleSubject.CpuAverage, 25));

        assertThat(plan.moves()).hasSize(1);
        assertThat(plan.moves().get(0).destinationName()).isEqualTo("Some");
        assertThat(lines(plan, DecisionAction.SKIP)).anySatisfy(line -> assertThat(line)
                .contains("Idle skipped as destination", "it has 596 MB free memory", "needs 8192 MB"));
    }

    @Test
    void aViolationMustHoldForHoldSamplesBeforeAnythingMoves() {
        MigrationPlan plan = plan(paperPool().violatingOnlyInNewest("Host2", 2));

        assertThat(plan.moves()).isEmpty();
        assertThat(lines(plan, DecisionAction.WAIT)).singleElement().asString()
                .contains("Host2 violates CpuAverage", "only in 2 of the last 3 samples", "waiting");

        assertThat(plan(paperPool().samples(2)).moves()).as("history shorter than holdSamples").isEmpty();
        assertThat(plan(paperPool().sampleSpacing(Duration.ofMinutes(6))).moves())
                .as("samples with gaps longer than maxDataAge (the collector was stopped) are not consecutive").isEmpty();
        assertThat(plan(paperPool().violatingOnlyInNewest("Host2", 2), "control.holdSamples=2").moves()).hasSize(1);
    }

    @Test
    void dataOlderThanMaxDataAgeBlocksEverything() {
        MigrationPlan plan = plan(paperPool().collectedAgo(Duration.ofMinutes(7)));

        assertThat(plan.blocked()).isTrue();
        assertThat(plan.moves()).isEmpty();
        assertThat(lines(plan, DecisionAction.BLOCKED)).singleElement().asString()
                .contains("is 7m old, more than control.maxDataAge 5m", "nothing decided");
    }

    @Test
    void aRecentlyMovedVmAndARecentlyChangedHostAreLeftAlone() {
        MigrationPlan vmCooling = plan(paperPool().vmMovedAgo("VM2 - Debian", Duration.ofMinutes(10)));
        assertThat(vmCooling.moves()).singleElement().extracting(PlannedMove::vmName).isEqualTo("VM3 - Ubuntu");
        assertThat(lines(vmCooling, DecisionAction.EXCLUDE)).anySatisfy(line -> assertThat(line)
                .contains("VM2 - Debian stays on Host2", "within control.vmCooldown 30m"));

        MigrationPlan bothCooling = plan(paperPool().vmMovedAgo("VM2 - Debian", Duration.ofMinutes(10))
                .vmMovedAgo("VM3 - Ubuntu", Duration.ofMinutes(29)));
        assertThat(bothCooling.moves()).isEmpty();
        assertThat(lines(bothCooling, DecisionAction.NO_MOVE)).singleElement().asString().contains("no VM on it may move");

        assertThat(plan(paperPool().vmMovedAgo("VM2 - Debian", Duration.ofMinutes(31))).moves()).hasSize(1);

        MigrationPlan hostCooling = plan(paperPool().hostChangedAgo("Host1", Duration.ofMinutes(2)));
        assertThat(hostCooling.moves()).isEmpty();
        assertThat(lines(hostCooling, DecisionAction.NO_MOVE)).singleElement().asString()
                .contains("no other host may take a VM", "Host1 gained or lost a VM 2m ago, within control.hostCooldown 5m");
        assertThat(plan(paperPool().hostChangedAgo("Host2", Duration.ofMinutes(2))).moves()).isEmpty();
    }

    @Test
    void excludedVmsAndHostsNeverMove() {
        assertThat(plan(new SnapshotBuilder().host("Host1", 4, 16384).host("Host2", 4, 16384)
                .vm("Tagged", "Host2", 2, 100, 2048, "xcp-balancer:ignore")
                .vm("Listed", "Host2", 2, 100, 2048)
                .rule(RuleSubject.CpuAverage, 25), "control.excludeVms=listed").moves()).isEmpty();

        MigrationPlan excludedHost = plan(paperPool(), "control.excludeHosts=Host1");
        assertThat(excludedHost.moves()).isEmpty();
        assertThat(lines(excludedHost, DecisionAction.EXCLUDE)).contains("Host1 takes no VM: it is listed in control.excludeHosts");

        MigrationPlan disabled = plan(new SnapshotBuilder().host("Host1", 4, 16384, false).host("Host2", 4, 16384)
                .host("Host3", 4, 16384)
                .vm("A", "Host2", 2, 100, 2048).vm("B", "Host2", 2, 100, 2048)
                .rule(RuleSubject.CpuAverage, 25));
        assertThat(disabled.moves()).allSatisfy(m -> assertThat(m.destinationName()).isEqualTo("Host3"));
        assertThat(lines(disabled, DecisionAction.EXCLUDE)).contains("Host1 takes no VM: it is disabled");
    }

    @Test
    void aVmThatKeepsFailingBacksOff() {
        assertThat(plan(paperPool().failures("VM2 - Debian", 1, Duration.ofMinutes(5))
                .failures("VM3 - Ubuntu", 1, Duration.ofMinutes(5))).moves()).isEmpty();
        assertThat(plan(paperPool().failures("VM2 - Debian", 1, Duration.ofMinutes(11))
                .failures("VM3 - Ubuntu", 1, Duration.ofMinutes(11))).moves()).hasSize(1);
        // the third failure in a row waits 10m × 2 × 2 = 40m
        assertThat(plan(paperPool().failures("VM2 - Debian", 3, Duration.ofMinutes(35))
                .failures("VM3 - Ubuntu", 3, Duration.ofMinutes(35))).moves()).isEmpty();
    }

    @Test
    void cpuAndMemoryRulesTogetherNeverTradeOneViolationForAnother() {
        // Host3 is the least loaded on CPU, but one more 4 GB VM would put it over the memory rule.
        SnapshotBuilder pool = new SnapshotBuilder()
                .host("Host1", 8, 65536).host("Host2", 8, 65536).host("Host3", 8, 65536)
                .vm("Hot1", "Host1", 2, 100, 4096).vm("Hot2", "Host1", 2, 100, 4096)
                .vm("Hot3", "Host1", 2, 100, 4096).vm("Hot4", "Host1", 2, 100, 4096)
                .vm("Warm", "Host2", 4, 50, 8192)
                .vm("Fat", "Host3", 1, 5, 30000)
                .rule(RuleSubject.CpuAverage, 25);
        assertThat(plan(pool).moves()).first().extracting(PlannedMove::destinationName)
                .as("on CPU alone Host3 is the best destination").isEqualTo("Host3");

        MigrationPlan plan = plan(pool.rule(RuleSubject.OccupiedMemoryMb, 14000));

        assertThat(plan.moves()).singleElement().satisfies(m -> {
            assertThat(m.sourceName()).isEqualTo("Host1");
            assertThat(m.destinationName()).isEqualTo("Host2");
        });
        assertThat(lines(plan, DecisionAction.NO_MOVE)).singleElement().asString()
                .contains("Host1 violates CpuAverage", "would put Host3 at", "OccupiedMemoryMb threshold 14000 MB");
    }

    @Test
    void noMoreThanMaxMigrationsPerRunAndNoVmTwice() {
        SnapshotBuilder skewed = new SnapshotBuilder().host("H1", 4, 65536).host("H2", 4, 65536).host("H3", 4, 65536)
                .host("H4", 4, 65536).rule(RuleSubject.CpuAverage, 10);
        for (int i = 0; i < 8; i++) {
            skewed.vm("vm" + i, "H1", 1, 50, 1024);
        }
        MigrationPlan two = plan(skewed);
        assertThat(two.moves()).hasSize(2);
        assertThat(lines(two, DecisionAction.WAIT)).anySatisfy(l -> assertThat(l).contains("control.maxMigrationsPerRun 2"));

        MigrationPlan many = plan(skewed, "control.maxMigrationsPerRun=20");
        assertThat(many.moves().stream().map(PlannedMove::vmUuid).distinct()).hasSameSizeAs(many.moves());
        assertThat(many.moves().size()).isBetween(3, 6);
        assertThat(lines(many, DecisionAction.WAIT)).isEmpty();
    }

    @Test
    void noRulesMeansNothingToEnforce() {
        MigrationPlan plan = plan(new SnapshotBuilder().host("Host1", 4, 1024).vm("A", "Host1", 1, 100, 512));
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.blocked()).isFalse();
        assertThat(lines(plan, DecisionAction.BALANCED)).singleElement().asString().contains("no rules");
    }

    @Test
    void haltedVmsAndControlDomainsAreNotCandidates() {
        MigrationPlan plan = plan(new SnapshotBuilder().host("Host1", 4, 16384).host("Host2", 4, 16384)
                .halted("Off", 2, 1024).vm("Big", "Host2", 4, 100, 4096).rule(RuleSubject.CpuAverage, 25));
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.decisions()).noneSatisfy(d -> assertThat(d.vmUuid()).isEqualTo(uuid("Off")));
    }
}
