package org.xcpbalancer.control.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.plan.GateRefusal.Kind;

class GateRefusalTest {

    @Test
    void theTextIsRenderedFromTheKindAndItsFactsWithDurationsWrittenAsInSettings() {
        assertThat(GateRefusal.of(Kind.VM_COOLDOWN, Duration.ofSeconds(125), Duration.ofMinutes(30)).text())
                .isEqualTo("moved 2m5s ago, within control.vmCooldown 30m");
        assertThat(GateRefusal.of(Kind.FAILURE_BACKOFF, 2, Duration.ofMinutes(15), "VM_BAD_POWER_STATE",
                Duration.ofMinutes(20)).text()).isEqualTo(
                "failed to migrate 2 time(s) in a row, last 15m ago (VM_BAD_POWER_STATE): backing off for 20m");
        assertThat(GateRefusal.of(Kind.STALE_DATA, "paper", Duration.ofMinutes(10), Duration.ofMinutes(5)).text())
                .isEqualTo("collected data of pool paper is 10m old, more than control.maxDataAge 5m"
                        + " (is xcp-collect running?): nothing decided");
        assertThat(GateRefusal.of(Kind.HOST_DISABLED).text()).isEqualTo("is disabled");
    }

    @Test
    void aFactThatIsUnknownIsWrittenAsSuchNotRefused() {
        assertThat(GateRefusal.of(Kind.FAILURE_BACKOFF, 1, Duration.ZERO, null, Duration.ofMinutes(10)).text())
                .isEqualTo("failed to migrate 1 time(s) in a row, last 0s ago (null): backing off for 10m");
    }

    @Test
    void everyKindRendersAWholeSentenceFromAsManyFactsAsItNames() {
        for (Kind kind : Kind.values()) {
            Object[] facts = Collections.nCopies(kind.factCount(), "FACT").toArray();
            String text = GateRefusal.of(kind, facts).text();
            assertThat(text).as(kind.name()).doesNotContain("%").isNotBlank();
            assertThat(text.split("FACT", -1)).as(kind.name()).hasSize(kind.factCount() + 1);
        }
    }

    @Test
    void aRefusalWithTheWrongNumberOfFactsIsAProgrammingErrorCaughtAtOnce() {
        assertThatThrownBy(() -> GateRefusal.of(Kind.VM_COOLDOWN, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("VM_COOLDOWN takes 2 facts, not 1");
        assertThatThrownBy(() -> GateRefusal.of(Kind.HOST_DISABLED, "extra"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("HOST_DISABLED takes 0 facts, not 1");
    }
}
