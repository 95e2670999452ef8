package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.control.SnapshotBuilder.uuid;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.SnapshotBuilder;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleSubject;

class HoldCheckTest {
    private static final HostRule CPU_25 = new HostRule(RuleSubject.CpuAverage, 25);
    private static final Duration MAX_GAP = Duration.ofMinutes(5);

    /** Host2 at 100 %, Host1 at about 26 %: Host2 violates CpuAverage 25 in every sample the builder writes. */
    private static SnapshotBuilder pool() {
        return new SnapshotBuilder().host("Host1", 4, 16384).host("Host2", 4, 16384)
                .vm("VM1", "Host1", 2, 50, 2048).vm("VM2", "Host2", 4, 100, 2048).rule(RuleSubject.CpuAverage, 25);
    }

    private static HoldCheck check(PoolSnapshot snapshot, int holdSamples) {
        return HoldCheck.of(snapshot, snapshot.rules(), holdSamples, MAX_GAP);
    }

    @Test
    void aViolationInEachOfTheLastHoldSamplesLastedLongEnough() {
        HoldCheck hold = check(pool().samples(3).build(), 3);
        assertThat(hold.violatingSamples(CPU_25, uuid("Host2"))).isEqualTo(3);
        assertThat(hold.lastedLongEnough(CPU_25, uuid("Host2"))).isTrue();
        assertThat(hold.violatingSamples(CPU_25, uuid("Host1"))).isZero();
        assertThat(hold.lastedLongEnough(CPU_25, uuid("Host1"))).isFalse();
    }

    @Test
    void aShorterStreakOrShorterHistoryIsNotEnough() {
        HoldCheck recent = check(pool().violatingOnlyInNewest("Host2", 2).build(), 3);
        assertThat(recent.violatingSamples(CPU_25, uuid("Host2"))).isEqualTo(2);
        assertThat(recent.lastedLongEnough(CPU_25, uuid("Host2"))).isFalse();

        HoldCheck young = check(pool().samples(2).build(), 3);
        assertThat(young.lastedLongEnough(CPU_25, uuid("Host2"))).isFalse();
        assertThat(check(pool().samples(2).build(), 2).lastedLongEnough(CPU_25, uuid("Host2"))).isTrue();
    }

    @Test
    void samplesFurtherApartThanTheMaximumGapAreNotConsecutive() {
        HoldCheck gapped = check(pool().sampleSpacing(Duration.ofMinutes(10)).build(), 3);
        assertThat(gapped.violatingSamples(CPU_25, uuid("Host2"))).isEqualTo(1);
        assertThat(gapped.lastedLongEnough(CPU_25, uuid("Host2"))).isFalse();
    }
}
