package org.xcpbalancer.simulator.model;

/**
 * A host's metrics at one instant, in the units of its RRD data sources (fractions 0..1, KiB, bytes/s).
 *
 * @param cpuPerCore  utilisation of each physical core (RRD cpu0..cpuN)
 * @param cpuAvg      mean of cpuPerCore (RRD cpu_avg)
 * @param loadavg     dom0's load average
 */
public record HostLoad(
        double[] cpuPerCore,
        double cpuAvg,
        double loadavg,
        long memoryTotalKib,
        long memoryFreeKib,
        long xapiMemoryUsageKib,
        long xapiFreeMemoryKib,
        double pifLoRxBytesPerSec,
        double pifLoTxBytesPerSec,
        double pifEth0RxBytesPerSec,
        double pifEth0TxBytesPerSec) {
}
