package org.xcpbalancer.guard.view;

import java.time.Instant;
import java.util.Set;

/**
 * A host as XAPI's master records it at one check. live is host_metrics.live (null when the host has no metrics
 * object); metricsUpdatedAt is host_metrics.last_updated; ipmiAddress is other_config:ipmi_address, if set.
 */
public record HostView(String ref, String uuid, String name, String address, boolean enabled, Boolean live,
        Instant metricsUpdatedAt, Long memoryTotalMb, Long memoryFreeMb, boolean master, String ipmiAddress,
        Integer cpuCount, Set<String> tags) {

    public HostView {
        tags = Set.copyOf(tags);
    }
}
