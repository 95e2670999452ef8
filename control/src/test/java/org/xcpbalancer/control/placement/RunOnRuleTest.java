package org.xcpbalancer.control.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.placement.RuleTesting.ask;

import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.plan.PoolSnapshot;

class RunOnRuleTest {
    private final PoolSnapshot snapshot = new SnapshotBuilder()
            .host("Fast", 8, 32768).host("Both", 8, 32768).host("Plain", 8, 32768)
            .hostTags("Fast", "xcp-balancer:label=ssd").hostTags("Both", "xcp-balancer:label=SSD", "xcp-balancer:label=gpu")
            .vm("Db", "Fast", 2, 10, 2048, "xcp-balancer:run-on=ssd")
            .vm("Render", "Both", 2, 10, 2048, "xcp-balancer:run-on=ssd", "xcp-balancer:run-on=gpu")
            .vm("Free", "Plain", 2, 10, 2048)
            .build();

    @Test
    void aVmMayOnlyGoWhereEveryOneOfItsRunOnLabelsIs() {
        RunOnRule rule = new RunOnRule();
        assertThat(ask(rule, snapshot, "Db", "Both")).isEmpty();
        assertThat(ask(rule, snapshot, "Db", "Plain")).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(PlacementRefusal.Kind.RUN_ON_LABEL);
            assertThat(r.detail()).isEqualTo("Db must run on hosts labelled ssd, Plain has no label");
        });
        assertThat(ask(rule, snapshot, "Render", "Fast")).hasValueSatisfying(r -> assertThat(r.detail())
                .isEqualTo("Render must run on hosts labelled gpu and ssd, Fast has ssd"));
    }

    @Test
    void aVmWithoutRunOnGoesAnywhere() {
        assertThat(ask(new RunOnRule(), snapshot, "Free", "Fast")).isEmpty();
    }
}
