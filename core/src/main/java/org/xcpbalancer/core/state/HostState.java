package org.xcpbalancer.core.state;

import java.time.Instant;
import java.util.Set;

/**
 * A host as the collector last saw it. Boxed values are NULL in the database: not measured (e.g. its metrics
 * could not be fetched), never to be read as zero. tags are the host's XAPI tags (labels are tags
 * {@code xcp-balancer:label=LABEL}). powerOnMode is XAPI's host.power_on_mode: "" when host.power_on cannot wake the
 * host, else how it is woken ("wake-on-lan", "iLO", "DRAC", "IPMI", ...).
 */
public record HostState(String uuid, String name, String ip, Integer cpuNum, Long memoryTotalMb, Long memoryFreeMb,
        Long xapiMemoryUsageMb, Long xapiFreeMemoryMb, Double pifLoRxKb, Double pifLoTxKb, Double pifEth0RxKb,
        Double pifEth0TxKb, Double dom0LoadAvg, Double cpuAverage, boolean enabled, Boolean live, Instant metricsAt,
        Instant updatedAt, Set<String> tags, String powerOnMode) {

    public HostState {
        tags = Set.copyOf(tags);
        powerOnMode = powerOnMode == null ? "" : powerOnMode;
    }

    /** A host that host.power_on cannot wake (power_on_mode ""), as tests and fixtures build them. */
    public HostState(String uuid, String name, String ip, Integer cpuNum, Long memoryTotalMb, Long memoryFreeMb,
            Long xapiMemoryUsageMb, Long xapiFreeMemoryMb, Double pifLoRxKb, Double pifLoTxKb, Double pifEth0RxKb,
            Double pifEth0TxKb, Double dom0LoadAvg, Double cpuAverage, boolean enabled, Boolean live, Instant metricsAt,
            Instant updatedAt, Set<String> tags) {
        this(uuid, name, ip, cpuNum, memoryTotalMb, memoryFreeMb, xapiMemoryUsageMb, xapiFreeMemoryMb, pifLoRxKb,
                pifLoTxKb, pifEth0RxKb, pifEth0TxKb, dom0LoadAvg, cpuAverage, enabled, live, metricsAt, updatedAt, tags, "");
    }

    /** host.power_on can wake it (power_on_mode is set). */
    public boolean canBeWoken() {
        return !powerOnMode.isBlank();
    }

    /** Memory in use (total − free), the OccupiedMemoryMb rule subject; null when either is unknown. */
    public Long occupiedMemoryMb() {
        return memoryTotalMb == null || memoryFreeMb == null ? null : memoryTotalMb - memoryFreeMb;
    }

    /** This host with another enabled flag (an evacuation plans as if its host were already disabled). */
    public HostState withEnabled(boolean enabledNow) {
        return new HostState(uuid, name, ip, cpuNum, memoryTotalMb, memoryFreeMb, xapiMemoryUsageMb, xapiFreeMemoryMb,
                pifLoRxKb, pifLoTxKb, pifEth0RxKb, pifEth0TxKb, dom0LoadAvg, cpuAverage, enabledNow, live, metricsAt,
                updatedAt, tags, powerOnMode);
    }
}
