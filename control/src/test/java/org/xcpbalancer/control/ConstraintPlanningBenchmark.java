package org.xcpbalancer.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.core.state.VmGroup;
import org.xcpbalancer.core.state.VmState;

/**
 * One planning pass of the default chain (constraint-repair, then rule-deviation) on the skewed 100-host /
 * 5,000-VM pool of {@link ControlPlanningBenchmark} with 500 groups: 250 anti-affinity tag groups of 4, 150
 * affinity tag groups of 2, 100 XAPI anti-affinity VM_groups of 3; 20 hosts labelled ssd and 200 VMs that must
 * run on them; with and without XAPI HA (one failure to tolerate, 1,000 protected VMs). Not a test: run it on
 * purpose (docs/benchmarks/control.md) and read the table.
 */
public final class ConstraintPlanningBenchmark {

    private ConstraintPlanningBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println("Planning pass of constraint-repair,rule-deviation with 500 groups (" + PassTimes.WARMUP_PASSES
                + " warm-up passes, " + PassTimes.MEASURED_PASSES + " measured; Java " + Runtime.version() + ")");
        System.out.println();
        System.out.printf(Locale.ROOT, "| %-6s | %-6s | %-6s | %-3s | %-9s | %-5s | %-9s | %-9s | %-9s | %-13s |%n", "hosts",
                "VMs", "groups", "HA", "max moves", "moves", "min ms", "median ms", "max ms", "alloc MB/pass");
        System.out.println("|--------|--------|--------|-----|-----------|-------|-----------|-----------|-----------|"
                + "---------------|");
        row(false, 2);
        row(true, 2);
        row(false, 20);
        row(true, 20);
    }

    private static void row(boolean ha, int maxMoves) {
        PoolSnapshot snapshot = constrained(ha);
        PassTimes times = PassTimes.measure(TestSettings.chain("control.maxMigrationsPerRun=" + maxMoves), snapshot);
        System.out.printf(Locale.ROOT, "| %6d | %6d | %6d | %-3s | %9d | %5d | %9.1f | %9.1f | %9.1f | %13.1f |%n",
                snapshot.hosts().size(), snapshot.vms().size(), 500, ha ? "on" : "off", maxMoves,
                times.lastPlan().moves().size(), times.minMillis(), times.medianMillis(), times.maxMillis(),
                times.allocatedMbPerPass());
    }

    static PoolSnapshot constrained(boolean ha) {
        PoolSnapshot base = ControlPlanningBenchmark.skewedPool(100, 5000, List.of(
                new HostRule(RuleSubject.CpuAverage, 20), new HostRule(RuleSubject.OccupiedMemoryMb, 32768)), 7);
        Random random = new Random(11);
        List<VmState> vms = new ArrayList<>(base.vms());
        List<Set<String>> tags = new ArrayList<>();
        List<Set<String>> groups = new ArrayList<>();
        for (int i = 0; i < vms.size(); i++) {
            tags.add(new HashSet<>());
            groups.add(new HashSet<>());
        }
        int next = 0;
        for (int g = 0; g < 250; g++, next += 4) {
            for (int m = 0; m < 4; m++) {
                tags.get(next + m).add("xcp-balancer:anti-affinity=web" + g);
            }
        }
        for (int g = 0; g < 150; g++, next += 2) {
            tags.get(next).add("xcp-balancer:affinity=pair" + g);
            tags.get(next + 1).add("xcp-balancer:affinity=pair" + g);
        }
        List<VmGroup> vmGroups = new ArrayList<>();
        for (int g = 0; g < 100; g++, next += 3) {
            vmGroups.add(new VmGroup("group-" + g, "dns" + g, VmGroup.ANTI_AFFINITY));
            for (int m = 0; m < 3; m++) {
                groups.get(next + m).add("group-" + g);
            }
        }
        for (int i = 0; i < 200; i++, next++) {
            tags.get(next).add("xcp-balancer:run-on=ssd");
        }
        List<VmState> constrained = new ArrayList<>();
        for (int i = 0; i < vms.size(); i++) {
            VmState v = vms.get(i);
            constrained.add(new VmState(v.uuid(), v.name(), v.hostUuid(), v.memoryMb(), v.memoryInternalFreeMb(),
                    v.vif0RxKb(), v.vif0TxKb(), v.vcpuAverage(), v.vcpuNum(), v.powerState(), false, tags.get(i),
                    v.metricsAt(), v.updatedAt(), true, null, null, ha && random.nextInt(5) == 0 ? "restart" : "",
                    null, groups.get(i)));
        }
        List<HostState> hosts = new ArrayList<>();
        for (HostState h : base.hosts()) {
            boolean ssd = hosts.size() % 5 == 0;
            hosts.add(new HostState(h.uuid(), h.name(), h.ip(), h.cpuNum(), h.memoryTotalMb(), h.memoryFreeMb(),
                    h.xapiMemoryUsageMb(), h.xapiFreeMemoryMb(), h.pifLoRxKb(), h.pifLoTxKb(), h.pifEth0RxKb(),
                    h.pifEth0TxKb(), h.dom0LoadAvg(), h.cpuAverage(), h.enabled(), h.live(), h.metricsAt(),
                    h.updatedAt(), ssd ? Set.of("xcp-balancer:label=ssd") : Set.of()));
        }
        PoolState state = new PoolState(base.state().pool(), hosts, constrained, vmGroups,
                ha ? new PoolHa(true, 1, 1, false) : PoolHa.DISABLED, false);
        return new PoolSnapshot(state, base.rules(), base.now(), base.recentHostSamples(), base.migrations());
    }
}
