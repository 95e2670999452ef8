package org.xcpbalancer.control.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.plan.PoolFixtures.host;
import static org.xcpbalancer.control.plan.PoolFixtures.vm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.TestSettings;
import org.xcpbalancer.control.placement.PlacementRefusal.Kind;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.VmState;

class PlacementTest {
    private final HostState home = host("Home", 4, 50, 16384, 4096);
    private final HostState disabled = host("Off", 4, 10.0, 16384, 16000, false, true);
    private final HostState excluded = host("Kept", 4, 10, 16384, 16000);
    private final HostState dead = host("Dead", 4, 10.0, 16384, 16000, true, false);
    private final HostState reserved = host("Reserved", 4, 10, 16384, 3000);
    private final HostState roomy = host("Roomy", 4, 10, 16384, 4096);
    private final VmState web = vm("Web", home, 2, 50, 2048);
    private final VmState big = vm("Big", home, 2, 50, 3072);
    private final PredictedPool pool = PredictedPool.of(List.of(home, disabled, excluded, dead, reserved, roomy),
            List.of(web, big), Map.of(reserved.uuid(), 1500L));
    private final Placement placement = Placement.standard(TestSettings.policy("control.excludeHosts=kept"));

    private Optional<Kind> refusal(VmState vm, HostState destination, PredictedPool in) {
        return placement.check(vm, in.indexOf(destination.uuid()), in).map(PlacementRefusal::kind);
    }

    @Test
    void eachRuleRefusesWithItsOwnKind() {
        assertThat(refusal(web, home, pool)).contains(Kind.SAME_HOST);
        assertThat(refusal(web, disabled, pool)).contains(Kind.HOST_DISABLED);
        assertThat(refusal(web, excluded, pool)).contains(Kind.HOST_EXCLUDED);
        assertThat(refusal(web, dead, pool)).contains(Kind.HOST_NOT_LIVE);
        assertThat(refusal(web, roomy, pool)).isEmpty();
    }

    @Test
    void memoryCountsWhatMigrationsInFlightReserveOnTheDestination() {
        Optional<PlacementRefusal> refused = placement.check(web, pool.indexOf(reserved.uuid()), pool);
        assertThat(refused).get().extracting(PlacementRefusal::kind).isEqualTo(Kind.NOT_ENOUGH_MEMORY);
        assertThat(refused.get().detail()).isEqualTo(
                "Reserved has 1500 MB free memory after 1500 MB reserved by migrations in flight, Web needs 2048 MB");
    }

    @Test
    void memoryIsCheckedAgainstThePoolAsPredictedAfterEarlierMoves() {
        assertThat(refusal(big, roomy, pool)).isEmpty();
        PredictedPool afterWeb = pool.withMove(web, 0, pool.indexOf(roomy.uuid()));
        assertThat(refusal(big, roomy, afterWeb)).contains(Kind.NOT_ENOUGH_MEMORY);
        assertThat(placement.check(big, afterWeb.indexOf(roomy.uuid()), afterWeb).orElseThrow().detail())
                .isEqualTo("Roomy has 2048 MB free memory, Big needs 3072 MB");
    }

    @Test
    void aNewRuleIsAskedAfterTheOthersAndTheFirstRefusalIsTheAnswer() {
        PlacementRule noWeb = (vm, destination, in) -> vm.name().equals("Web")
                ? Optional.of(new PlacementRefusal(Kind.HOST_EXCLUDED, "no Web anywhere")) : Optional.empty();
        Placement more = placement.with(noWeb);

        assertThat(placement.check(web, pool.indexOf(roomy.uuid()), pool)).isEmpty();
        assertThat(more.check(web, pool.indexOf(roomy.uuid()), pool).orElseThrow().detail()).isEqualTo("no Web anywhere");
        assertThat(more.check(web, 0, pool).orElseThrow().kind()).as("same host is asked first").isEqualTo(Kind.SAME_HOST);
        assertThat(more.check(big, pool.indexOf(roomy.uuid()), pool)).isEmpty();
    }
}
