package org.xcpbalancer.collector.read;

/**
 * A host as XAPI describes it (not its RRD metrics).
 *
 * @param cpuCount          cpu_info's cpu_count (physical threads), null when XAPI does not say
 * @param memoryTotalBytes  host_metrics.memory_total, null without a metrics object
 * @param live              host_metrics.live: false when the master has stopped hearing from the host
 */
public record ObservedHost(String uuid, String name, String address, Integer cpuCount, Long memoryTotalBytes,
        boolean enabled, Boolean live) {
}
