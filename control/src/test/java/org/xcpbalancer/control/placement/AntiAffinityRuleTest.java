package org.xcpbalancer.control.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.placement.RuleTesting.ask;
import static org.xcpbalancer.control.placement.RuleTesting.vm;

import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.PredictedPool;

class AntiAffinityRuleTest {
    private final PoolSnapshot snapshot = new SnapshotBuilder()
            .host("Host1", 8, 32768).host("Host2", 8, 32768).host("Host3", 8, 32768)
            .vm("Web1", "Host1", 2, 10, 2048, "xcp-balancer:anti-affinity=web")
            .vm("Web2", "Host2", 2, 10, 2048, "xcp-balancer:Anti-Affinity=WEB")
            .vm("Dns1", "Host1", 1, 5, 512).vm("Dns2", "Host3", 1, 5, 512)
            .vm("Other", "Host3", 1, 5, 512)
            .group("dns", "anti_affinity", "Dns1", "Dns2")
            .build();
    private final AntiAffinityRule rule = new AntiAffinityRule();

    @Test
    void aMemberNeverGoesWhereAnotherMemberRuns() {
        assertThat(ask(rule, snapshot, "Web1", "Host2")).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(PlacementRefusal.Kind.ANTI_AFFINITY);
            assertThat(r.detail()).isEqualTo("Host2 already runs a member of Web1's anti-affinity group 'web' (tag)");
        });
        assertThat(ask(rule, snapshot, "Web1", "Host3")).isEmpty();
        assertThat(ask(rule, snapshot, "Dns1", "Host3")).hasValueSatisfying(r -> assertThat(r.detail())
                .contains("anti-affinity group 'dns' (VM_group)"));
        assertThat(ask(rule, snapshot, "Dns1", "Host2")).isEmpty();
        assertThat(ask(rule, snapshot, "Other", "Host1")).isEmpty();
    }

    @Test
    void thePredictedPoolCounts() {
        PredictedPool pool = PredictedPool.of(snapshot);
        PredictedPool afterWebMoved = pool.withMove(vm(snapshot, "Web2"), 1, 2);
        assertThat(ask(rule, afterWebMoved, snapshot, "Web1", "Host2")).isEmpty();
        assertThat(ask(rule, afterWebMoved, snapshot, "Web1", "Host3")).isPresent();
    }
}
