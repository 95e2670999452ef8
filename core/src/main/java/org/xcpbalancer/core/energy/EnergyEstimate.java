package org.xcpbalancer.core.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xcpbalancer.core.state.HostPowerRecord;
import org.xcpbalancer.core.state.HostSampleRow;
import org.xcpbalancer.core.state.PowerActionKind;
import org.xcpbalancer.core.state.PowerActionState;
import org.xcpbalancer.core.state.SampleResolution;

/**
 * Estimated energy of a pool over a period, against all hosts on: each host draws idle + (max − idle) × CPU load
 * while on ({@link HostWatts}), integrated over its collected samples (raw ones where there are any, hourly
 * averages before them; a gap longer than {@link #RAW_GAP} or an hour counts as unknown, not as power). A host is
 * off from the end of a power-off xcp-balancer did until its next power-on is asked. With all hosts on, each
 * sleeping host would have drawn its idle power and the moved load the same power elsewhere (the model is linear),
 * so the energy saved is each host's idle power times the time it was off.
 */
public final class EnergyEstimate {
    /** A raw sample stands for at most this long (collections run every minute or so). */
    static final Duration RAW_GAP = Duration.ofMinutes(15);

    private EnergyEstimate() {
    }

    /** One host's input: its samples (any order) and its power actions (any order). */
    public record HostInput(String uuid, String name, HostWatts.Watts watts, List<HostSampleRow> samples,
            List<HostPowerRecord> powerActions) {
    }

    /** One host's estimate over the period. */
    public record HostEnergy(String name, Duration off, double usedWh, double savedWh) {
    }

    /** The pool's estimate: used, saved, and with all hosts on (used + saved). */
    public record Report(Instant from, Instant to, List<HostEnergy> hosts) {
        public double usedWh() {
            return hosts.stream().mapToDouble(HostEnergy::usedWh).sum();
        }

        public double savedWh() {
            return hosts.stream().mapToDouble(HostEnergy::savedWh).sum();
        }

        public double allOnWh() {
            return usedWh() + savedWh();
        }

        /** The share of the all-on energy saved, in percent (0 when nothing was used). */
        public double savedPercent() {
            return allOnWh() <= 0 ? 0 : savedWh() * 100 / allOnWh();
        }
    }

    public static Report of(Instant from, Instant to, List<HostInput> hosts) {
        List<HostEnergy> result = new ArrayList<>();
        for (HostInput host : hosts) {
            List<Instant[]> off = offIntervals(host.powerActions(), from, to);
            Duration offTime = off.stream().map(i -> Duration.between(i[0], i[1])).reduce(Duration.ZERO, Duration::plus);
            double used = usedWh(host, from, to, off);
            result.add(new HostEnergy(host.name(), offTime, used, host.watts().idle() * hours(offTime)));
        }
        return new Report(from, to, result);
    }

    /** [start, end) periods the host was off by xcp-balancer, clipped to the period. */
    static List<Instant[]> offIntervals(List<HostPowerRecord> actions, Instant from, Instant to) {
        List<HostPowerRecord> sorted = actions.stream().sorted(Comparator.comparing(HostPowerRecord::startedAt)).toList();
        List<Instant[]> result = new ArrayList<>();
        Instant offSince = null;
        for (HostPowerRecord action : sorted) {
            if (action.is(PowerActionKind.POWER_OFF, PowerActionState.DONE) && offSince == null) {
                offSince = action.doneAt() == null ? action.startedAt() : action.doneAt();
            } else if (action.kind() == PowerActionKind.POWER_ON && offSince != null) {
                add(result, offSince, action.startedAt(), from, to);
                offSince = null;
            }
        }
        if (offSince != null) {
            add(result, offSince, to, from, to);
        }
        return result;
    }

    private static void add(List<Instant[]> result, Instant start, Instant end, Instant from, Instant to) {
        Instant s = start.isBefore(from) ? from : start;
        Instant e = end.isAfter(to) ? to : end;
        if (s.isBefore(e)) {
            result.add(new Instant[] {s, e});
        }
    }

    private static double usedWh(HostInput host, Instant from, Instant to, List<Instant[]> off) {
        List<HostSampleRow> raw = inPeriod(host.samples(), SampleResolution.RAW.dbValue(), from, to);
        Instant firstRaw = raw.isEmpty() ? to : raw.get(0).sampledAt();
        List<HostSampleRow> hourly = inPeriod(host.samples(), SampleResolution.HOURLY.dbValue(), from, firstRaw);
        return integrate(hourly, host.watts(), firstRaw, Duration.ofHours(1), off)
                + integrate(raw, host.watts(), to, RAW_GAP, off);
    }

    private static List<HostSampleRow> inPeriod(List<HostSampleRow> samples, String resolution, Instant from, Instant to) {
        return samples.stream().filter(s -> resolution.equals(s.resolution()))
                .filter(s -> !s.sampledAt().isBefore(from) && s.sampledAt().isBefore(to))
                .sorted(Comparator.comparing(HostSampleRow::sampledAt)).toList();
    }

    /** Each sample's power until the next one (at most maxGap, and not past end), outside the off periods. */
    private static double integrate(List<HostSampleRow> samples, HostWatts.Watts watts, Instant end, Duration maxGap,
            List<Instant[]> off) {
        double wh = 0;
        for (int i = 0; i < samples.size(); i++) {
            HostSampleRow sample = samples.get(i);
            if (sample.cpuAverage() == null || sample.cpuAverage().isNaN()) {
                continue;
            }
            Instant start = sample.sampledAt();
            Instant next = i + 1 < samples.size() ? samples.get(i + 1).sampledAt() : end;
            Instant stop = next.isAfter(start.plus(maxGap)) ? start.plus(maxGap) : next;
            Duration on = Duration.between(start, stop).minus(overlap(start, stop, off));
            wh += watts.at(sample.cpuAverage() / 100) * hours(on);
        }
        return wh;
    }

    private static Duration overlap(Instant start, Instant stop, List<Instant[]> off) {
        Duration total = Duration.ZERO;
        for (Instant[] period : off) {
            Instant s = period[0].isAfter(start) ? period[0] : start;
            Instant e = period[1].isBefore(stop) ? period[1] : stop;
            if (s.isBefore(e)) {
                total = total.plus(Duration.between(s, e));
            }
        }
        return total;
    }

    private static double hours(Duration d) {
        return d.toMillis() / 3_600_000.0;
    }
}
