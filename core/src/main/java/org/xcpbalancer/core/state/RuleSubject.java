package org.xcpbalancer.core.state;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a host rule compares with the pool average, with the unit its threshold is in. The names are the
 * original tool's, as stored in HostRule.Subject.
 */
public enum RuleSubject {
    /** Host CPU load in percent; the threshold is in percentage points. */
    CpuAverage("%", 100, h -> h.cpuAverage()),
    /** Memory in use, MemoryTotalMb − MemoryFreeMb. */
    OccupiedMemoryMb("MB", 16L * 1024 * 1024, h -> h.occupiedMemoryMb() == null ? null : h.occupiedMemoryMb().doubleValue()),
    /** Received traffic on eth0. */
    PifEth0RxKb("Kb/s", 100_000_000, HostState::pifEth0RxKb),
    /** Transmitted traffic on eth0. */
    PifEth0TxKb("Kb/s", 100_000_000, HostState::pifEth0TxKb);

    private final String unit;
    private final double maxThreshold;
    private final Function<HostState, Double> value;

    RuleSubject(String unit, double maxThreshold, Function<HostState, Double> value) {
        this.unit = unit;
        this.maxThreshold = maxThreshold;
        this.value = value;
    }

    public String unit() {
        return unit;
    }

    /** The largest threshold that makes sense (a CPU rule above 100 points can never fire). */
    public double maxThreshold() {
        return maxThreshold;
    }

    /** The host's value for this subject, or null when it was not measured. */
    public Double valueOf(HostState host) {
        return value.apply(host);
    }

    /** Case-insensitive, as the console accepts it. */
    public static Optional<RuleSubject> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(text.trim())).findFirst();
    }
}
