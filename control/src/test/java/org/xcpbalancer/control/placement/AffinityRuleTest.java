package org.xcpbalancer.control.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.placement.RuleTesting.ask;
import static org.xcpbalancer.control.placement.RuleTesting.vm;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.PredictedPool;

class AffinityRuleTest {
    private final PoolSnapshot snapshot = new SnapshotBuilder()
            .host("Host1", 8, 32768).host("Host2", 8, 32768).host("Small", 8, 6000)
            .vm("App", "Host1", 2, 10, 2048, "xcp-balancer:affinity=shop")
            .vm("Db", "Host1", 2, 10, 4096, "xcp-balancer:affinity=shop")
            .vm("Cache", "Host2", 1, 5, 1024, "xcp-balancer:affinity=shop")
            .vm("Alone", "Host2", 1, 5, 1024, "xcp-balancer:affinity=solo")
            .build();
    private final AffinityRule rule = new AffinityRule();

    @Test
    void aMemberMovesOnlyToWhereItsGroupIs() {
        assertThat(ask(rule, snapshot, "Cache", "Host1")).isEmpty();
        assertThat(ask(rule, snapshot, "App", "Small")).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(PlacementRefusal.Kind.AFFINITY);
            assertThat(r.detail()).isEqualTo("moving App alone to Small would take it away from its affinity group"
                    + " 'shop' (a group moves together or not at all)");
        });
        assertThat(ask(rule, snapshot, "Alone", "Host1")).as("a group of one runs anywhere").isEmpty();
    }

    @Test
    void aWholeGroupMovesTogetherOnlyToAHostThatHoldsThemAll() {
        Placement placement = Placement.standard(TestSettings.policy());
        PredictedPool pool = PredictedPool.of(snapshot);
        List<org.xcpbalancer.core.state.VmState> shop = List.of(vm(snapshot, "App"), vm(snapshot, "Db"),
                vm(snapshot, "Cache"));
        assertThat(placement.checkTogether(shop, pool.indexOf(SnapshotBuilder.uuid("Host2")), pool)).isEmpty();
        assertThat(placement.checkTogether(shop, pool.indexOf(SnapshotBuilder.uuid("Small")), pool))
                .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(PlacementRefusal.Kind.NOT_ENOUGH_MEMORY));
        assertThat(placement.checkTogether(shop.subList(0, 2), pool.indexOf(SnapshotBuilder.uuid("Small")), pool))
                .as("leaving Cache behind").hasValueSatisfying(r -> assertThat(r.kind())
                        .isIn(PlacementRefusal.Kind.AFFINITY, PlacementRefusal.Kind.NOT_ENOUGH_MEMORY));
    }
}
