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
    /**
     * Memory in use as a percentage of the host's total memory; the threshold is in percentage points. Hosts of
     * different sizes share it where they cannot share an MB threshold (1 GB is 1.6 % of 64 GB, 0.2 % of 512 GB).
     */
    OccupiedMemoryPercent("%", 100, h -> occupiedPercent(h.memoryTotalMb(), h.memoryFreeMb())),
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

    /** (total − free) / total × 100; null when either is unknown or the total is not positive. */
    public static Double occupiedPercent(Long memoryTotalMb, Long memoryFreeMb) {
        return memoryTotalMb == null || memoryFreeMb == null || memoryTotalMb <= 0 ? null
                : (memoryTotalMb - memoryFreeMb) * 100.0 / memoryTotalMb;
    }

    /** Whether the subject is a percentage (CPU, memory percent): such subjects may be weighed in a SCORE rule. */
    public boolean percentage() {
        return "%".equals(unit);
    }

    /** Case-insensitive, as the console accepts it. */
    public static Optional<RuleSubject> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(text.trim())).findFirst();
    }
}
