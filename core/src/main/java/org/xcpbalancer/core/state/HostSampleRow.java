package org.xcpbalancer.core.state;

import java.time.Instant;

/** One row of the HostSample history ('raw' per collection, or 'hour' averages). */
public record HostSampleRow(String hostUuid, String resolution, Instant sampledAt, Long memoryTotalMb,
        Long memoryFreeMb, Double pifEth0RxKb, Double pifEth0TxKb, Double dom0LoadAvg, Double cpuAverage,
        Integer vmCount) {

    public Long occupiedMemoryMb() {
        return memoryTotalMb == null || memoryFreeMb == null ? null : memoryTotalMb - memoryFreeMb;
    }
}
