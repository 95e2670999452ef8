package org.xcpbalancer.collector.derive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.collector.read.ObservedHost;
import org.xcpbalancer.collector.read.ObservedVm;
import org.xcpbalancer.collector.read.PoolObservation;
import org.xcpbalancer.collector.rrd.HostMetricsResult;
import org.xcpbalancer.collector.rrd.RrdUpdates;

/** The original fields and their units, derived from XAPI records and RRD values. */
class MetricsDeriverTest {
    private static final long MIB = 1024L * 1024L;
    private static final Instant AT = Instant.parse("2026-01-01T12:00:00Z");

    private static final ObservedHost HOST1 = new ObservedHost("h1", "Host1", "10.0.0.1", 4, 4069 * MIB, true, true);
    private static final ObservedHost HOST2 = new ObservedHost("h2", "Host2", "10.0.0.2", 4, 4069 * MIB, true, false);
    private static final ObservedVm GUEST = new ObservedVm("v1", "VM1", "Running", false, "h1", 2048 * MIB, 4L,
            1024 * MIB, 2L, Set.of("prod"));
    private static final ObservedVm DOM0 = new ObservedVm("d1", "Control domain on host: Host1", "Running", true, "h1",
            800 * MIB, 4L, 800 * MIB, 4L, Set.of());
    private static final ObservedVm HALTED = new ObservedVm("v2", "VM2", "Halted", false, null, 512 * MIB, 2L, null,
            null, Set.of());
    private static final ObservedVm ON_DEAD_HOST = new ObservedVm("v3", "VM3", "Running", false, "h2", 256 * MIB, 1L,
            256 * MIB, 1L, Set.of());

    private static RrdUpdates.LatestValues host1Rrd() {
        return new RrdUpdates.LatestValues(AT, Map.of(
                "h1", Map.ofEntries(Map.entry("cpu0", 0.5), Map.entry("cpu1", 0.25), Map.entry("cpu2", 0.0),
                        Map.entry("cpu3", 0.25), Map.entry("cpu_avg", 0.9),
                        Map.entry("memory_free_kib", 2048.0 * 1024 + 512), Map.entry("xapi_memory_usage_kib", 100.0 * 1024),
                        Map.entry("xapi_free_memory_kib", 50.0 * 1024), Map.entry("pif_eth0_rx", 2048.0),
                        Map.entry("pif_eth0_tx", 512.0), Map.entry("pif_lo_rx", 0.0), Map.entry("loadavg", 0.42)),
                "v1", Map.of("cpu0", 1.0, "cpu1", 0.5, "memory_internal_free", 300.0 * 1024, "vif_0_rx", 10240.0,
                        "vif_0_tx", 1024.0),
                "d1", Map.of("cpu0", 0.1, "cpu1", 0.3, "memory_internal_free", 1.0, "vif_0_rx", 1.0)));
    }

    private static DerivedPool derive() {
        PoolObservation pool = new PoolObservation("p", "Pool", "10.0.0.1", AT, List.of(HOST1, HOST2),
                List.of(GUEST, DOM0, HALTED, ON_DEAD_HOST));
        return MetricsDeriver.derive(pool, Map.of("h1", HostMetricsResult.fetched("h1", host1Rrd()),
                "h2", HostMetricsResult.failed("h2", "host is not live (host_metrics.live is false)")));
    }

    @Test
    void hostFieldsInTheirUnits() {
        HostFacts h = derive().hosts().get(0);
        assertThat(h.name()).isEqualTo("Host1");
        // mean of cpu0..cpu3 (cpu_avg is not a cpuN source) x 100
        assertThat(h.cpuAverage()).isEqualTo(25.0);
        assertThat(h.memoryTotalMb()).isEqualTo(4069L);
        assertThat(h.memoryFreeMb()).isEqualTo(2048L);
        assertThat(h.xapiMemoryUsageMb()).isEqualTo(100L);
        assertThat(h.xapiFreeMemoryMb()).isEqualTo(50L);
        assertThat(h.pifEth0RxKb()).isEqualTo(2.0);
        assertThat(h.pifEth0TxKb()).isEqualTo(0.5);
        assertThat(h.pifLoRxKb()).isEqualTo(0.0);
        assertThat(h.pifLoTxKb()).isNull();
        assertThat(h.dom0LoadAvg()).isEqualTo(0.42);
        assertThat(h.ip()).isEqualTo("10.0.0.1");
        assertThat(h.cpuNum()).isEqualTo(4);
        assertThat(h.metricsAt()).isEqualTo(AT);
    }

    @Test
    void hostWithoutMetricsKeepsItsXapiFieldsAndNullMetricsAndTheRunIsPartial() {
        DerivedPool pool = derive();
        HostFacts h = pool.hosts().get(1);
        assertThat(h.name()).isEqualTo("Host2");
        assertThat(h.memoryTotalMb()).isEqualTo(4069L);
        assertThat(h.live()).isFalse();
        assertThat(h.cpuAverage()).isNull();
        assertThat(h.memoryFreeMb()).isNull();
        assertThat(h.pifEth0RxKb()).isNull();
        assertThat(h.metricsAt()).isNull();
        assertThat(pool.partial()).isTrue();
        assertThat(pool.warnings()).containsExactly(
                "host Host2: metrics missing: host is not live (host_metrics.live is false)");
    }

    @Test
    void runningGuestVm() {
        VmFacts v = derive().vms().get(0);
        assertThat(v.vcpuAverage()).isEqualTo(75.0);
        assertThat(v.vcpuNum()).isEqualTo(2);
        assertThat(v.memoryMb()).isEqualTo(1024L);
        assertThat(v.memoryInternalFreeMb()).isEqualTo(300L);
        assertThat(v.vif0RxKb()).isEqualTo(10.0);
        assertThat(v.vif0TxKb()).isEqualTo(1.0);
        assertThat(v.hostUuid()).isEqualTo("h1");
        assertThat(v.tags()).containsExactly("prod");
        assertThat(v.metricsAt()).isEqualTo(AT);
    }

    @Test
    void controlDomainHasCpuButNoGuestOnlyMetrics() {
        VmFacts d = derive().vms().get(1);
        assertThat(d.controlDomain()).isTrue();
        assertThat(d.vcpuAverage()).isEqualTo(20.0);
        assertThat(d.memoryInternalFreeMb()).isNull();
        assertThat(d.vif0RxKb()).isNull();
        assertThat(d.vif0TxKb()).isNull();
        assertThat(d.hostUuid()).isEqualTo("h1");
    }

    @Test
    void haltedVmHasConfiguredMemoryAndVcpusAndNullLiveMetrics() {
        VmFacts v = derive().vms().get(2);
        assertThat(v.powerState()).isEqualTo("Halted");
        assertThat(v.memoryMb()).isEqualTo(512L);
        assertThat(v.vcpuNum()).isEqualTo(2);
        assertThat(v.hostUuid()).isNull();
        assertThat(v.vcpuAverage()).isNull();
        assertThat(v.memoryInternalFreeMb()).isNull();
        assertThat(v.vif0RxKb()).isNull();
        assertThat(v.metricsAt()).isNull();
    }

    @Test
    void vmOnAHostWithoutMetricsKeepsItsPlacementWithNullMetrics() {
        VmFacts v = derive().vms().get(3);
        assertThat(v.hostUuid()).isEqualTo("h2");
        assertThat(v.memoryMb()).isEqualTo(256L);
        assertThat(v.vcpuAverage()).isNull();
        assertThat(v.vif0RxKb()).isNull();
    }
}
