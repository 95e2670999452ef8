package org.xcpbalancer.core.state;

import java.time.Instant;

/**
 * A host as the collector last saw it. Boxed values are NULL in the database: not measured (e.g. its metrics
 * could not be fetched), never to be read as zero.
 */
public record HostState(String uuid, String name, String ip, Integer cpuNum, Long memoryTotalMb, Long memoryFreeMb,
        Long xapiMemoryUsageMb, Long xapiFreeMemoryMb, Double pifLoRxKb, Double pifLoTxKb, Double pifEth0RxKb,
        Double pifEth0TxKb, Double dom0LoadAvg, Double cpuAverage, boolean enabled, Boolean live, Instant metricsAt,
        Instant updatedAt) {

    /** Memory in use (total − free), the OccupiedMemoryMb rule subject; null when either is unknown. */
    public Long occupiedMemoryMb() {
        return memoryTotalMb == null || memoryFreeMb == null ? null : memoryTotalMb - memoryFreeMb;
    }
}
