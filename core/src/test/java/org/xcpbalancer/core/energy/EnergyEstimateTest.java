package org.xcpbalancer.core.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.core.state.HostPowerRecord;
import org.xcpbalancer.core.state.HostSampleRow;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.PowerActionState;

class EnergyEstimateTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final HostWatts.Watts WATTS = new HostWatts.Watts(100, 300);

    /** A raw sample every minute over [fromMinute, toMinute) at the CPU percent. */
    private static List<HostSampleRow> samples(String host, int fromMinute, int toMinute, double cpuPercent) {
        List<HostSampleRow> rows = new ArrayList<>();
        for (int m = fromMinute; m < toMinute; m++) {
            rows.add(new HostSampleRow(host, "raw", T0.plus(Duration.ofMinutes(m)), 8192L, 4096L, 0.0, 0.0, 0.1,
                    cpuPercent, 1));
        }
        return rows;
    }

    private static HostPowerRecord action(long id, PowerActionKind kind, PowerActionState state, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return new HostPowerRecord(id, "h2", "Host2", kind, state, "test", at, at, null, null);
    }

    @Test
    void aHostOnAllThePeriodUsesItsLinearPowerAndSavesNothing() {
        EnergyEstimate.Report report = EnergyEstimate.of(T0, T0.plus(Duration.ofHours(2)), List.of(
                new EnergyEstimate.HostInput("h1", "Host1", WATTS, samples("h1", 0, 120, 50), List.of())));

        assertThat(report.usedWh()).isCloseTo(2 * 200, within(0.01));
        assertThat(report.savedWh()).isZero();
        assertThat(report.savedPercent()).isZero();
    }

    @Test
    void aHostWePoweredOffSavesItsIdlePowerUntilItsPowerOnIsAsked() {
        // Host2 idle (0 %) for 30 min, powered off at 30 until a power-on at 90, then on again.
        List<HostSampleRow> rows = new ArrayList<>(samples("h2", 0, 30, 0));
        rows.addAll(samples("h2", 92, 120, 0));
        List<HostPowerRecord> actions = List.of(action(1, PowerActionKind.POWER_OFF, PowerActionState.DONE, 30),
                action(2, PowerActionKind.POWER_ON, PowerActionState.DONE, 90));
        EnergyEstimate.Report report = EnergyEstimate.of(T0, T0.plus(Duration.ofHours(2)), List.of(
                new EnergyEstimate.HostInput("h2", "Host2", WATTS, rows, actions)));

        EnergyEstimate.HostEnergy host = report.hosts().get(0);
        assertThat(host.off()).isEqualTo(Duration.ofMinutes(60));
        assertThat(host.savedWh()).isCloseTo(100, within(0.01));
        // on for 30 + 28 minutes with samples (the boot's 2 minutes have none): 100 W
        assertThat(host.usedWh()).isCloseTo(100 * 58 / 60.0, within(0.01));
        assertThat(report.allOnWh()).isCloseTo(report.usedWh() + 100, within(0.01));
    }

    @Test
    void aPowerOffThatFailedSavesNothingAndGapsAreNotPower() {
        List<HostSampleRow> rows = new ArrayList<>(samples("h2", 0, 10, 100));
        rows.addAll(samples("h2", 70, 80, 100)); // an hour without collections between
        EnergyEstimate.Report report = EnergyEstimate.of(T0, T0.plus(Duration.ofMinutes(80)), List.of(
                new EnergyEstimate.HostInput("h2", "Host2", WATTS, rows,
                        List.of(action(1, PowerActionKind.POWER_OFF, PowerActionState.FAILED, 5)))));

        assertThat(report.savedWh()).isZero();
        // 9 one-minute steps + 15 minutes for the sample before the gap + 10 minutes at the end, at 300 W
        assertThat(report.usedWh()).isCloseTo(300 * (9 + 15 + 10) / 60.0, within(0.01));
    }
}
