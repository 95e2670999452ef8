package org.xcpbalancer.collector.derive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.xcpbalancer.collector.read.ObservedHost;
import org.xcpbalancer.collector.read.ObservedVm;
import org.xcpbalancer.collector.read.PoolObservation;
import org.xcpbalancer.collector.rrd.HostMetricsResult;
import org.xcpbalancer.collector.rrd.RrdUpdates;

/**
 * Derives the original tool's fields from what XAPI and the RRDs say, with the units in the column names:
 * <ul>
 * <li>CpuAverage / VcpuAverage: the mean of the owner's cpu0..cpuN data sources (fractions 0..1) x 100, percent;</li>
 * <li>...Mb from KiB data sources (memory_free_kib / 1024) or bytes (memory_actual / 1024 / 1024), rounded down;</li>
 * <li>...Kb from bytes/s data sources (pif_eth0_rx / 1024): KiB per second.</li>
 * </ul>
 * A value the RRDs do not have is null (NULL in the database), never zero and never an older value. A host
 * whose RRDs could not be fetched still gets its XAPI fields (name, address, cpus, total memory, enabled, live),
 * and the failure becomes a warning. Pure: tested without XAPI.
 */
public final class MetricsDeriver {
    private static final Pattern CPU_SOURCE = Pattern.compile("cpu\\d+");
    private static final long KIB_PER_MIB = 1024;
    private static final long BYTES_PER_MIB = 1024 * 1024;
    private static final double BYTES_PER_KIB = 1024.0;
    private static final double PERCENT = 100.0;

    private MetricsDeriver() {
    }

    public static DerivedPool derive(PoolObservation pool, Map<String, HostMetricsResult> metrics) {
        List<String> warnings = new ArrayList<>();
        List<HostFacts> hosts = new ArrayList<>();
        for (ObservedHost host : pool.hosts()) {
            HostMetricsResult result = metrics.get(host.uuid());
            if (result == null || !result.ok()) {
                warnings.add("host " + host.name() + ": metrics missing: "
                        + (result == null ? "not fetched" : result.failure()));
            }
            hosts.add(host(host, result == null ? null : result.values().orElse(null)));
        }
        List<VmFacts> vms = new ArrayList<>();
        for (ObservedVm vm : pool.vms()) {
            RrdUpdates.LatestValues rrd = null;
            if (vm.isRunning() && vm.residentHostUuid() != null) {
                HostMetricsResult result = metrics.get(vm.residentHostUuid());
                rrd = result == null ? null : result.values().orElse(null);
            }
            vms.add(vm(vm, rrd));
        }
        return new DerivedPool(pool.poolUuid(), pool.poolName(), pool.masterAddress(), pool.serverTime(), hosts, vms,
                warnings);
    }

    static HostFacts host(ObservedHost host, RrdUpdates.LatestValues rrd) {
        Map<String, Double> values = rrd == null ? Map.of() : rrd.of(host.uuid());
        Instant metricsAt = rrd == null || values.isEmpty() ? null : rrd.sampledAt();
        return new HostFacts(host.uuid(), host.name(), host.address(), host.cpuCount(),
                host.memoryTotalBytes() == null ? null : host.memoryTotalBytes() / BYTES_PER_MIB,
                kibToMib(values.get("memory_free_kib")), kibToMib(values.get("xapi_memory_usage_kib")),
                kibToMib(values.get("xapi_free_memory_kib")),
                bytesToKib(values.get("pif_lo_rx")), bytesToKib(values.get("pif_lo_tx")),
                bytesToKib(values.get("pif_eth0_rx")), bytesToKib(values.get("pif_eth0_tx")),
                values.get("loadavg"), cpuPercent(values), host.enabled(), host.live(), metricsAt);
    }

    static VmFacts vm(ObservedVm vm, RrdUpdates.LatestValues rrd) {
        boolean running = vm.isRunning();
        Map<String, Double> values = rrd == null || !running ? Map.of() : rrd.of(vm.uuid());
        Instant metricsAt = values.isEmpty() ? null : rrd.sampledAt();
        Long memoryBytes = running && vm.memoryActualBytes() != null ? vm.memoryActualBytes() : vm.memoryDynamicMaxBytes();
        Long vcpus = running && vm.vcpusNumber() != null ? vm.vcpusNumber() : vm.vcpusMax();
        boolean guestMetrics = running && !vm.controlDomain();
        return new VmFacts(vm.uuid(), vm.name(), running ? vm.residentHostUuid() : null,
                memoryBytes == null ? null : memoryBytes / BYTES_PER_MIB,
                guestMetrics ? kibToMib(values.get("memory_internal_free")) : null,
                guestMetrics ? bytesToKib(values.get("vif_0_tx")) : null,
                guestMetrics ? bytesToKib(values.get("vif_0_rx")) : null,
                running ? cpuPercent(values) : null,
                vcpus == null ? null : Math.toIntExact(vcpus), vm.powerState(), vm.controlDomain(), vm.tags(),
                metricsAt);
    }

    /** Mean of cpu0..cpuN x 100, or null without any cpuN source. */
    static Double cpuPercent(Map<String, Double> values) {
        OptionalDouble mean = values.entrySet().stream().filter(e -> CPU_SOURCE.matcher(e.getKey()).matches())
                .mapToDouble(Map.Entry::getValue).average();
        return mean.isPresent() ? mean.getAsDouble() * PERCENT : null;
    }

    private static Long kibToMib(Double kib) {
        return kib == null ? null : (long) Math.floor(kib / KIB_PER_MIB);
    }

    private static Double bytesToKib(Double bytesPerSecond) {
        return bytesPerSecond == null ? null : bytesPerSecond / BYTES_PER_KIB;
    }
}
