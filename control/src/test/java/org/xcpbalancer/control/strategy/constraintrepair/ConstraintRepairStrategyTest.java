package org.xcpbalancer.control.strategy.constraintrepair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.ReportedDecisions;
import org.xcpbalancer.control.plan.StrategyChain;

class ConstraintRepairStrategyTest {
    private static final StrategyChain REPAIR = TestSettings.chain("control.strategies=constraint-repair",
            "control.maxMigrationsPerRun=5");

    private static SnapshotBuilder threeHosts() {
        return new SnapshotBuilder().host("Host1", 8, 32768).host("Host2", 8, 32768).host("Host3", 8, 32768);
    }

    private static List<String> moves(MigrationPlan plan) {
        return plan.moves().stream().map(PlannedMove::summary).toList();
    }

    @Test
    void antiAffinityMembersSharingAHostAreSpread() {
        MigrationPlan plan = TestSettings.plan(REPAIR, threeHosts()
                .vm("Web1", "Host1", 2, 10, 2048, "xcp-balancer:anti-affinity=web")
                .vm("Web2", "Host1", 2, 10, 2048, "xcp-balancer:anti-affinity=web")
                .vm("Web3", "Host1", 2, 10, 2048, "xcp-balancer:anti-affinity=web").build());

        assertThat(moves(plan)).containsExactly("Web2: Host1 -> Host2", "Web3: Host1 -> Host3");
        assertThat(plan.decisions()).filteredOn(d -> d.action() == DecisionAction.MOVE).first()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("Web2: Host1 -> Host2: repairs anti-affinity group"
                        + " 'web' (tag): Web1, Web2, Web3 share Host1; Host2 runs no other member"));
    }

    @Test
    void anUnsatisfiableGroupIsMetAsFarAsPossibleAndReportedOnce() {
        SnapshotBuilder pool = new SnapshotBuilder().host("Host1", 8, 32768).host("Host2", 8, 32768);
        for (int i = 1; i <= 3; i++) {
            pool.vm("Db" + i, "Host1", 2, 10, 2048, "xcp-balancer:anti-affinity=db");
        }
        MigrationPlan first = TestSettings.plan(REPAIR, pool.build());

        assertThat(moves(first)).containsExactly("Db2: Host1 -> Host2");
        Decision report = first.decisions().stream().filter(d -> d.action() == DecisionAction.NO_MOVE)
                .findFirst().orElseThrow();
        assertThat(report.reason()).startsWith("anti-affinity group 'db' (tag) cannot be met: Db1, Db3 share Host1")
                .contains("no host may take Db3", "Host2 already runs a member");

        // Once Db2 has moved, the next run says the same: it is not stored again.
        SnapshotBuilder after = new SnapshotBuilder().host("Host1", 8, 32768).host("Host2", 8, 32768)
                .vm("Db1", "Host1", 2, 10, 2048, "xcp-balancer:anti-affinity=db")
                .vm("Db2", "Host2", 2, 10, 2048, "xcp-balancer:anti-affinity=db")
                .vm("Db3", "Host1", 2, 10, 2048, "xcp-balancer:anti-affinity=db")
                .reported(new ReportedDecisions.Builder().add("NO_MOVE", null, report.reason()).build());
        MigrationPlan again = TestSettings.plan(REPAIR, after.build());
        assertThat(again.moves()).isEmpty();
        assertThat(again.decisions()).isEmpty();
    }

    @Test
    void aVmOutsideItsRunOnLabelsReturnsToALabelledHost() {
        MigrationPlan plan = TestSettings.plan(REPAIR, threeHosts().hostTags("Host3", "xcp-balancer:label=ssd")
                .vm("Db", "Host1", 2, 10, 2048, "xcp-balancer:run-on=ssd").build());
        assertThat(moves(plan)).containsExactly("Db: Host1 -> Host3");
        assertThat(plan.moves().get(0).rule()).isNull();
        assertThat(plan.moves().get(0).reason()).startsWith("repairs run-on ssd for Db: Db runs on Host1, which");
    }

    @Test
    void aVmJustMovedWaitsForTheHold() {
        MigrationPlan plan = TestSettings.plan(REPAIR, threeHosts().hostTags("Host3", "xcp-balancer:label=ssd")
                .vm("Db", "Host1", 2, 10, 2048, "xcp-balancer:run-on=ssd").settled("Db", 1).build());
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.decisions()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.WAIT);
            assertThat(d.reason()).contains("ran there in only 1 of the last 3 samples");
        });
    }

    @Test
    void aSplitAffinityGroupIsGatheredWhereMostOfItRuns() {
        MigrationPlan plan = TestSettings.plan(REPAIR, threeHosts()
                .vm("App", "Host1", 2, 10, 2048, "xcp-balancer:affinity=shop")
                .vm("Db", "Host1", 2, 10, 2048, "xcp-balancer:affinity=shop")
                .vm("Cache", "Host2", 1, 5, 1024, "xcp-balancer:affinity=shop").build());
        assertThat(moves(plan)).containsExactly("Cache: Host2 -> Host1");
    }

    @Test
    void aVmThatCannotMoveIsNeverPlannedAndItsGroupIsReported() {
        MigrationPlan plan = TestSettings.plan(REPAIR, threeHosts()
                .vm("Gpu1", "Host1", 2, 10, 2048, "xcp-balancer:anti-affinity=gpu")
                .vm("Gpu2", "Host1", 2, 10, 2048, "xcp-balancer:anti-affinity=gpu")
                .passthrough("Gpu1", "vgpu").passthrough("Gpu2", "vgpu").build());
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.decisions()).extracting(Decision::reason).contains(
                "Gpu1 is never planned: it has a vGPU (XAPI refuses with VM_HAS_VGPU)",
                "Gpu2 is never planned: it has a vGPU (XAPI refuses with VM_HAS_VGPU)");
        assertThat(plan.decisions()).filteredOn(d -> d.action() == DecisionAction.NO_MOVE).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("cannot be met", "Gpu2 has a vGPU"));
    }

    @Test
    void aVmAwayFromItsHomeHostGoesBackWhenThatBreaksNoRule() {
        MigrationPlan plan = TestSettings.plan(REPAIR, threeHosts().vm("Mail", "Host1", 2, 10, 2048)
                .home("Mail", "Host2").build());
        assertThat(moves(plan)).containsExactly("Mail: Host1 -> Host2");
    }

    @Test
    void withoutConstraintsNothingIsSaid() {
        MigrationPlan plan = TestSettings.plan(REPAIR, threeHosts().vm("Web", "Host1", 2, 10, 2048).build());
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.decisions()).isEmpty();
    }
}
