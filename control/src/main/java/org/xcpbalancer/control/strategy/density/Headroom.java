package org.xcpbalancer.control.strategy.density;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.RuleSubject;

/**
 * Does the pool's load fit on a set of powered hosts under the density targets, with spare hosts' worth of room
 * left: the CPU in use (in cores: each host's CPU percent of its cores) and the memory in use (total less free,
 * with what migrations in flight reserve) of the powered hosts, against the targets' share of the capacity of
 * those hosts less the largest {@code spareHosts} of them. What XAPI's HA needs is checked per move and per host
 * by the placement, not here.
 */
final class Headroom {
    private Headroom() {
    }

    /** The outcome, with the words a decision uses. */
    record Check(boolean fits, String text) {
    }

    /** CPU cores in use on host h of the predicted pool (NaN when not measured). */
    static double cpuCores(PredictedPool pool, int h) {
        Integer cpus = pool.host(h).cpuNum();
        return cpus == null ? Double.NaN : pool.value(RuleSubject.CpuAverage, h) / 100.0 * cpus;
    }

    /** Memory in use on host h, MB: total less free, plus what migrations in flight reserve there. */
    static double memoryMb(PredictedPool pool, int h) {
        Long total = pool.host(h).memoryTotalMb();
        return total == null ? Double.NaN : total - pool.freeMemoryMb(h) + pool.reservedMemoryMb(h);
    }

    static double cpuPercent(PredictedPool pool, int h) {
        return pool.value(RuleSubject.CpuAverage, h);
    }

    static double memoryPercent(PredictedPool pool, int h) {
        Long total = pool.host(h).memoryTotalMb();
        return total == null || total <= 0 ? Double.NaN : memoryMb(pool, h) * 100.0 / total;
    }

    /** Whether host h is at or under both targets (a host not measured is not). */
    static boolean underTargets(PredictedPool pool, int h, DensityArgs args) {
        return cpuPercent(pool, h) <= args.cpuTargetPercent() && memoryPercent(pool, h) <= args.memoryTargetPercent();
    }

    /**
     * Whether the load of {@code loaded} hosts plus {@code extraCores}/{@code extraMemoryMb} fits under the targets
     * on the {@code powered} hosts less their largest {@code spareHosts}.
     */
    static Check check(PredictedPool pool, Collection<Integer> loaded, Collection<Integer> powered, DensityArgs args) {
        double cores = 0;
        double memory = 0;
        for (int h : loaded) {
            cores += nanToZero(cpuCores(pool, h));
            memory += nanToZero(memoryMb(pool, h));
        }
        List<HostState> hosts = powered.stream().map(pool::host).toList();
        double coreRoom = capacity(hosts, h -> h.cpuNum() == null ? 0 : h.cpuNum(), args.spareHosts())
                * args.cpuTargetPercent() / 100.0;
        double memoryRoom = capacity(hosts, h -> h.memoryTotalMb() == null ? 0 : h.memoryTotalMb(), args.spareHosts())
                * args.memoryTargetPercent() / 100.0;
        boolean fits = cores <= coreRoom && memory <= memoryRoom && hosts.size() > args.spareHosts();
        String text = String.format(Locale.ROOT, "CPU %.1f of %.1f cores and memory %.1f of %.1f GB allowed on %d"
                + " powered host(s) less the %d largest (targets %d%% CPU, %d%% memory)", cores, coreRoom,
                memory / 1024, memoryRoom / 1024, hosts.size(), args.spareHosts(), args.cpuTargetPercent(),
                args.memoryTargetPercent());
        return new Check(fits, text);
    }

    /** The sum of the hosts' capacities less the largest {@code spare} of them. */
    private static double capacity(List<HostState> hosts, ToDoubleFunction<HostState> size, int spare) {
        return hosts.stream().mapToDouble(size).boxed().sorted(Comparator.reverseOrder()).skip(spare)
                .mapToDouble(Double::doubleValue).sum();
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
