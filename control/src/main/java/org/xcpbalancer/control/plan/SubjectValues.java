package org.xcpbalancer.control.plan;

import java.util.Locale;
import org.xcpbalancer.core.state.HostSampleRow;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmState;

/**
 * What a rule subject means for samples and VMs: a host sample's value, a VM's own share of a host's value (the
 * prediction model of issue 6), and how values are written for people.
 */
public final class SubjectValues {
    private SubjectValues() {
    }

    /** The sample's value for the subject, or null when it was not measured. */
    public static Double of(RuleSubject subject, HostSampleRow sample) {
        return switch (subject) {
            case CpuAverage -> sample.cpuAverage();
            case OccupiedMemoryMb -> sample.occupiedMemoryMb() == null ? null : sample.occupiedMemoryMb().doubleValue();
            case OccupiedMemoryPercent -> RuleSubject.occupiedPercent(sample.memoryTotalMb(), sample.memoryFreeMb());
            case PifEth0RxKb -> sample.pifEth0RxKb();
            case PifEth0TxKb -> sample.pifEth0TxKb();
        };
    }

    /**
     * The VM's share of the subject on a host with hostCpuNum physical CPUs and hostMemoryTotalMb of memory: CPU
     * as VcpuAverage × VcpuNum / CpuNum percentage points, memory as its MemoryMb (in percent: MemoryMb / the
     * host's total × 100, so the same VM weighs 8 times more on a 64 GB host than on a 512 GB one), traffic as its
     * first VIF's (what it receives arrives on the host's eth0). NaN when the VM's CPU load, its memory or the
     * host's total memory was not measured (a primitive: planning asks it twice per subject of every candidate
     * move). Missing VIF traffic counts as none.
     */
    public static double share(RuleSubject subject, VmState vm, int hostCpuNum, Long hostMemoryTotalMb) {
        return switch (subject) {
            case CpuAverage -> vm.vcpuAverage() == null || vm.vcpuNum() == null ? Double.NaN
                    : vm.vcpuAverage() * vm.vcpuNum() / hostCpuNum;
            case OccupiedMemoryMb -> vm.memoryMb() == null ? Double.NaN : vm.memoryMb().doubleValue();
            case OccupiedMemoryPercent -> vm.memoryMb() == null || hostMemoryTotalMb == null || hostMemoryTotalMb <= 0
                    ? Double.NaN : vm.memoryMb() * 100.0 / hostMemoryTotalMb;
            case PifEth0RxKb -> vm.vif0RxKb() == null ? 0.0 : vm.vif0RxKb();
            case PifEth0TxKb -> vm.vif0TxKb() == null ? 0.0 : vm.vif0TxKb();
        };
    }

    /** "63.0 %", "2048 MB", "120.5 Kb/s". */
    public static String format(RuleSubject subject, double value) {
        return switch (subject) {
            case CpuAverage, OccupiedMemoryPercent -> String.format(Locale.ROOT, "%.1f %%", value);
            case OccupiedMemoryMb -> String.format(Locale.ROOT, "%.0f MB", value);
            default -> String.format(Locale.ROOT, "%.1f Kb/s", value);
        };
    }

    /** An amount of the subject, such as a VM's share: "49.9 points", "2048 MB", "12.5 Kb/s". */
    public static String formatAmount(RuleSubject subject, double amount) {
        return subject.percentage() ? String.format(Locale.ROOT, "%.1f points", amount)
                : format(subject, amount);
    }

    /** A difference: "+37.0 points", "+512 MB". */
    public static String formatDelta(RuleSubject subject, double delta) {
        return switch (subject) {
            case CpuAverage, OccupiedMemoryPercent -> String.format(Locale.ROOT, "%+.1f points", delta);
            case OccupiedMemoryMb -> String.format(Locale.ROOT, "%+.0f MB", delta);
            default -> String.format(Locale.ROOT, "%+.1f Kb/s", delta);
        };
    }

    /** The rule threshold: "25 points", "2048 MB". */
    public static String formatThreshold(RuleSubject subject, double threshold) {
        String number = threshold == Math.rint(threshold) ? String.format(Locale.ROOT, "%.0f", threshold)
                : String.format(Locale.ROOT, "%.1f", threshold);
        return number + (subject.percentage() ? " points" : " " + subject.unit());
    }

    /** A sample's value of a rule part (a score: the weighted average of its subjects'); null when not measured. */
    public static Double of(RulePart part, HostSampleRow sample) {
        double value = part.valueOf(s -> {
            Double v = of(s, sample);
            return v == null ? Double.NaN : v;
        });
        return Double.isNaN(value) ? null : value;
    }

    /** A part's value: as its subject's, a score as a percentage ("58.0 %"). */
    public static String format(RulePart part, double value) {
        return format(unitSubject(part), value);
    }

    public static String formatDelta(RulePart part, double delta) {
        return formatDelta(unitSubject(part), delta);
    }

    public static String formatThreshold(RulePart part, double threshold) {
        return formatThreshold(unitSubject(part), threshold);
    }

    /** A score is a percentage: written as CpuAverage is. */
    private static RuleSubject unitSubject(RulePart part) {
        return part.single() ? part.subject(0) : RuleSubject.CpuAverage;
    }
}
