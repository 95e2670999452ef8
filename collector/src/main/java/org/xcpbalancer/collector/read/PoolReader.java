package org.xcpbalancer.collector.read;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.HostMetrics;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.VM;
import com.xensource.xenapi.VMMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;

/**
 * Turns the XAPI object graph into a {@link PoolObservation}: picks the collector's fields, follows references
 * (VM -> resident host, VM -> metrics, host -> metrics), and leaves out templates and snapshots. Pure: no XAPI
 * calls, so it is tested on hand-built graphs as well as through the simulator.
 */
public final class PoolReader {
    private PoolReader() {
    }

    public static PoolObservation observe(ObjectGraph graph, Instant serverTime) {
        if (graph.pools.size() != 1) {
            throw new UserFacingException(ExitCode.FAILURE, "the pool master reported " + graph.pools.size()
                    + " pool objects; expected exactly one");
        }
        Pool.Record pool = graph.pools.values().iterator().next();
        Host.Record master = graph.hosts.get(ObjectGraph.ref(pool.master));

        List<ObservedHost> hosts = new ArrayList<>();
        for (Host.Record host : graph.hosts.values()) {
            HostMetrics.Record metrics = graph.hostMetrics.get(ObjectGraph.ref(host.metrics));
            hosts.add(new ObservedHost(host.uuid, host.nameLabel, host.address, cpuCount(host),
                    metrics == null ? null : metrics.memoryTotal, Boolean.TRUE.equals(host.enabled),
                    metrics == null ? null : metrics.live));
        }
        hosts.sort(Comparator.comparing(ObservedHost::name, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ObservedHost::uuid));

        List<ObservedVm> vms = new ArrayList<>();
        for (VM.Record vm : graph.vms.values()) {
            if (Boolean.TRUE.equals(vm.isATemplate) || Boolean.TRUE.equals(vm.isASnapshot)) {
                continue;
            }
            String powerState = vm.powerState == null ? null : vm.powerState.toString();
            boolean resident = "Running".equals(powerState) || "Paused".equals(powerState);
            Host.Record residentOn = resident ? graph.hosts.get(ObjectGraph.ref(vm.residentOn)) : null;
            VMMetrics.Record metrics = resident ? graph.vmMetrics.get(ObjectGraph.ref(vm.metrics)) : null;
            vms.add(new ObservedVm(vm.uuid, vm.nameLabel, powerState, Boolean.TRUE.equals(vm.isControlDomain),
                    residentOn == null ? null : residentOn.uuid, vm.memoryDynamicMax, vm.VCPUsMax,
                    metrics == null ? null : metrics.memoryActual, metrics == null ? null : metrics.VCPUsNumber,
                    vm.tags == null ? Set.of() : Set.copyOf(new TreeSet<>(vm.tags))));
        }
        vms.sort(Comparator.comparing(ObservedVm::name, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ObservedVm::uuid));

        return new PoolObservation(pool.uuid, pool.nameLabel, master == null ? null : master.address, serverTime,
                hosts, vms);
    }

    /** The pool master's host object (whose clock the collection uses). */
    public static Host master(ObjectGraph graph) {
        Pool.Record pool = graph.pools.values().iterator().next();
        if (ObjectGraph.ref(pool.master) == null) {
            throw new UserFacingException(ExitCode.FAILURE, "the pool object names no master");
        }
        return pool.master;
    }

    private static Integer cpuCount(Host.Record host) {
        Map<String, String> info = host.cpuInfo;
        if (info != null && info.get("cpu_count") != null) {
            try {
                return Integer.valueOf(info.get("cpu_count").trim());
            } catch (NumberFormatException e) {
                // fall through to the host_CPUs count
            }
        }
        return host.hostCPUs == null || host.hostCPUs.isEmpty() ? null : host.hostCPUs.size();
    }
}
