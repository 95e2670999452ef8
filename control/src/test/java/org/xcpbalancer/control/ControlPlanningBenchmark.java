package org.xcpbalancer.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.xcpbalancer.control.plan.MigrationFacts;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostSampleRow;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmState;

/**
 * One planning pass of the rule-deviation strategy on a synthetic 100-host / 5,000-VM pool whose load is skewed
 * onto a tenth of the hosts (so every pass has real work: violations, thousands of candidate moves per step).
 * Not a test: run it on purpose (docs/benchmarks/control.md) and read the table.
 *
 * <pre>mvn -B -o -q -pl control -am test-compile exec:java -Dexec.skip=true</pre>
 */
public final class ControlPlanningBenchmark {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private ControlPlanningBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println("Planning pass of rule-deviation (" + PassTimes.WARMUP_PASSES + " warm-up passes, "
                + PassTimes.MEASURED_PASSES + " measured; Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs)");
        System.out.println();
        System.out.printf(Locale.ROOT, "| %-6s | %-6s | %-29s | %-9s | %-5s | %-9s | %-9s | %-9s | %-13s |%n", "hosts",
                "VMs", "rules", "max moves", "moves", "min ms", "median ms", "max ms", "alloc MB/pass");
        System.out.println("|--------|--------|-------------------------------|-----------|-------|-----------|-----------|-----------|---------------|");
        row(16, 400, 2, List.of(new HostRule(RuleSubject.CpuAverage, 20)));
        row(100, 5000, 2, List.of(new HostRule(RuleSubject.CpuAverage, 20)));
        row(100, 5000, 2, List.of(new HostRule(RuleSubject.CpuAverage, 20), new HostRule(RuleSubject.OccupiedMemoryMb, 32768)));
        row(100, 5000, 20, List.of(new HostRule(RuleSubject.CpuAverage, 20), new HostRule(RuleSubject.OccupiedMemoryMb, 32768)));
    }

    private static void row(int hosts, int vms, int maxMoves, List<HostRule> rules) {
        PoolSnapshot snapshot = skewedPool(hosts, vms, rules, 7);
        PassTimes times = PassTimes.measure(TestSettings.chain("control.maxMigrationsPerRun=" + maxMoves), snapshot);
        String ruleText = String.join(" + ", rules.stream().map(r -> r.subject().name()).toList());
        System.out.printf(Locale.ROOT, "| %6d | %6d | %-29s | %9d | %5d | %9.1f | %9.1f | %9.1f | %13.1f |%n", hosts, vms,
                ruleText, maxMoves, times.lastPlan().moves().size(), times.minMillis(), times.medianMillis(),
                times.maxMillis(), times.allocatedMbPerPass());
    }

    /** Hosts of 32 CPUs and 256 GB; VMs of 1-4 vCPUs at 2-15 % and 1-4 GB, three times as many on the first tenth. */
    static PoolSnapshot skewedPool(int hostCount, int vmCount, List<HostRule> rules, long seed) {
        Random random = new Random(seed);
        int cpus = 32;
        long memoryMb = 256 * 1024;
        int hot = Math.max(1, hostCount / 10);
        List<VmState> vms = new ArrayList<>();
        double[] cores = new double[hostCount];
        long[] usedMb = new long[hostCount];
        for (int i = 0; i < vmCount; i++) {
            int host = random.nextDouble() < 0.25 ? random.nextInt(hot) : random.nextInt(hostCount);
            int vcpus = 1 + random.nextInt(4);
            double load = 2 + random.nextDouble() * 13;
            long vmMemory = 1024L * (1 + random.nextInt(4));
            if (usedMb[host] + vmMemory > memoryMb * 0.9) {
                host = random.nextInt(hostCount);
            }
            cores[host] += vcpus * load / 100;
            usedMb[host] += vmMemory;
            vms.add(new VmState("vm-" + i, String.format(Locale.ROOT, "vm%05d", i), "host-" + host, vmMemory,
                    vmMemory / 3, random.nextDouble() * 500, random.nextDouble() * 500, load, vcpus, "Running", false,
                    Set.of(), NOW.minusSeconds(20), NOW.minusSeconds(20), true, null, null, "", null, Set.of()));
        }
        List<HostState> hosts = new ArrayList<>();
        Map<String, List<HostSampleRow>> samples = new HashMap<>();
        for (int h = 0; h < hostCount; h++) {
            double cpu = Math.min(100, cores[h] / cpus * 100 + 1);
            long free = Math.max(0, memoryMb - usedMb[h] - 4096);
            hosts.add(new HostState("host-" + h, String.format(Locale.ROOT, "host%03d", h), "10.0." + h / 250 + "." + h % 250,
                    cpus, memoryMb, free, null, null, null, null, 1000.0, 1000.0, 1.0, cpu, true, true,
                    NOW.minusSeconds(20), NOW.minusSeconds(20), Set.of()));
            List<HostSampleRow> rows = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                rows.add(new HostSampleRow("host-" + h, "raw", NOW.minusSeconds(20 + 60L * k), memoryMb, free, 1000.0,
                        1000.0, 1.0, cpu, null));
            }
            samples.put("host-" + h, rows);
        }
        PoolRef pool = new PoolRef(1, "pool", "benchmark", "10.0.0.1", Optional.of(NOW.minusSeconds(20)));
        return new PoolSnapshot(new PoolState(pool, hosts, vms, List.of(), PoolHa.DISABLED, false), rules, NOW, samples, MigrationFacts.NONE);
    }
}
