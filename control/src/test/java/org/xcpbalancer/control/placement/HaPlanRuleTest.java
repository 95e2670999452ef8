package org.xcpbalancer.control.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.placement.RuleTesting.ask;

import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;

/**
 * Three hosts of 16384 MB. P1 (6144 MB) is protected by HA. Free memory: Host1 6240, Host2 4384, Host3 8384:
 * if Host1 fails, only Host3 can restart P1.
 */
class HaPlanRuleTest {
    private SnapshotBuilder pool() {
        return new SnapshotBuilder().host("Host1", 8, 16384).host("Host2", 8, 16384).host("Host3", 8, 16384)
                .vm("P1", "Host1", 2, 10, 6144).vm("Fill2", "Host2", 2, 10, 12000).vm("Fill3", "Host3", 2, 10, 8000)
                .vm("Web", "Host1", 2, 10, 4000).vm("Tiny", "Host1", 1, 5, 1000)
                .haRestart("P1");
    }

    @Test
    void aMoveAfterWhichAFailedHostsProtectedVmsFitNowhereIsRefused() {
        // Web to Host3 leaves Host3 4384 MB: P1 could no longer restart anywhere if Host1 failed.
        assertThat(ask(new HaPlanRule(), pool().ha(1).build(), "Web", "Host3")).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(PlacementRefusal.Kind.HA_PLAN);
            assertThat(r.detail()).isEqualTo("after moving Web to Host3, XAPI's HA could not restart the protected"
                    + " VMs of Host1 if it failed (ha_host_failures_to_tolerate 1)");
        });
    }

    @Test
    void aMoveThatKeepsThePlanIsAllowed() {
        // Tiny to Host3 leaves 7384 MB there: P1 still fits.
        assertThat(ask(new HaPlanRule(), pool().ha(1).build(), "Tiny", "Host3")).isEmpty();
        // The protected VM itself may move to Host3: if Host3 then fails, Host1 has 6240 + 6144 MB free.
        assertThat(ask(new HaPlanRule(), pool().ha(1).build(), "P1", "Host3")).isEmpty();
    }

    @Test
    void withoutHaOrWithAPlanAlreadyBrokenNoMoveIsHeldToIt() {
        assertThat(ask(new HaPlanRule(), pool().build(), "Web", "Host3")).as("HA off").isEmpty();
        // Two failures: Host1 and Host3 failing leaves only Host2 (4384 MB) for P1, before any move. As xapi, a
        // plan that does not exist cannot be broken by a move.
        assertThat(ask(new HaPlanRule(), pool().ha(2).build(), "Web", "Host3")).isEmpty();
    }
}
