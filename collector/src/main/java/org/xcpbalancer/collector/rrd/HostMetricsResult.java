package org.xcpbalancer.collector.rrd;

import java.util.Optional;

/** One host's /rrd_updates outcome: its latest values, or why there are none (for the run's warnings). */
public record HostMetricsResult(String hostUuid, Optional<RrdUpdates.LatestValues> values, String failure) {

    public static HostMetricsResult fetched(String hostUuid, RrdUpdates.LatestValues values) {
        return new HostMetricsResult(hostUuid, Optional.of(values), null);
    }

    public static HostMetricsResult failed(String hostUuid, String failure) {
        return new HostMetricsResult(hostUuid, Optional.empty(), failure);
    }

    public boolean ok() {
        return values.isPresent();
    }
}
