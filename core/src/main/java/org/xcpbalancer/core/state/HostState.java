package org.xcpbalancer.core.state;

import java.time.Instant;
import java.util.Set;

/**
 * A host as the collector last saw it. Boxed values are NULL in the database: not measured (e.g. its metrics
 * could not be fetched), never to be read as zero. tags are the host's XAPI tags (labels are tags
 * {@code xcp-balancer:label=LABEL}).
 */
public record HostState(String uuid, String name, String ip, Integer cpuNum, Long memoryTotalMb, Long memoryFreeMb,
        Long xapiMemoryUsageMb, Long xapiFreeMemoryMb, Double pifLoRxKb, Double pifLoTxKb, Double pifEth0RxKb,
        Double pifEth0TxKb, Double dom0LoadAvg, Double cpuAverage, boolean enabled, Boolean live, Instant metricsAt,
        Instant updatedAt, Set<String> tags) {

    public HostState {
        tags = Set.copyOf(tags);
    }

    /** Memory in use (total − free), the OccupiedMemoryMb rule subject; null when either is unknown. */
    public Long occupiedMemoryMb() {
        return memoryTotalMb == null || memoryFreeMb == null ? null : memoryTotalMb - memoryFreeMb;
    }
}
