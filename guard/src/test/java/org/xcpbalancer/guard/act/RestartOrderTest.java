package org.xcpbalancer.guard.act;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.guard.view.VmView;

/** Restarts go as xapi's HA orders them: restart before best-effort, then VM.order, then name. */
class RestartOrderTest {
    private static VmView vm(String name, String priority, long order, String... tags) {
        return new VmView("OpaqueRef:" + name, "uuid-" + name, name, "Halted", null, priority, order, 0, Set.of(tags),
                1024, null, null, Set.of(), null, Set.of());
    }

    @Test
    void restartBeforeBestEffortEachByOrderThenName() {
        List<VmView> sorted = RestartOrder.sorted(List.of(vm("z-best", "best-effort", 0), vm("web", "restart", 2),
                vm("db", "restart", 1), vm("tagged", "", 2, VmView.PROTECT_TAG), vm("a-best", "best-effort", 0)));

        assertThat(sorted).extracting(VmView::name).containsExactly("db", "tagged", "web", "a-best", "z-best");
    }

    @Test
    void protectedByPriorityOrByTagOnly() {
        assertThat(vm("a", "restart", 0).isProtected()).isTrue();
        assertThat(vm("b", "best-effort", 0).isProtected()).isTrue();
        assertThat(vm("c", "", 0, VmView.PROTECT_TAG).isProtected()).isTrue();
        assertThat(vm("d", "", 0, "xcp-balancer:guard=ignore").isProtected()).isFalse();
        assertThat(vm("e", "best-effort", 0, VmView.PROTECT_TAG).bestEffort()).as("the tag asks for restart").isFalse();
    }
}
