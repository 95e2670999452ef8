package org.xcpbalancer.collector.derive;

import java.time.Instant;

/**
 * One Host row as the collector writes it (the original tool's columns, units in the names). Boxed values are
 * NULL in the database: not measured this time.
 *
 * @param pifLoRxKb    KiB/s received on the loopback interface (RRD pif_lo_rx, bytes/s, / 1024); likewise the others
 * @param cpuAverage   mean of the host's cpuN data sources, in percent (0..100)
 * @param dom0LoadAvg  the control domain's load average (RRD loadavg)
 * @param metricsAt    time of the RRD row the metrics come from (pool clock), null without metrics
 */
public record HostFacts(String uuid, String name, String ip, Integer cpuNum, Long memoryTotalMb, Long memoryFreeMb,
        Long xapiMemoryUsageMb, Long xapiFreeMemoryMb, Double pifLoRxKb, Double pifLoTxKb, Double pifEth0RxKb,
        Double pifEth0TxKb, Double dom0LoadAvg, Double cpuAverage, boolean enabled, Boolean live, Instant metricsAt) {
}
