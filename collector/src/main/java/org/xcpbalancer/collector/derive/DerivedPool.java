package org.xcpbalancer.collector.derive;

import java.time.Instant;
import java.util.List;

/** Everything one collection writes: the pool, its host and VM rows, and what went wrong on the way. */
public record DerivedPool(String poolUuid, String poolName, String masterAddress, Instant serverTime,
        List<HostFacts> hosts, List<VmFacts> vms, List<String> warnings) {

    public DerivedPool {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        warnings = List.copyOf(warnings);
    }

    /** Some metrics are missing (a host's RRD could not be read): the run is "partial". */
    public boolean partial() {
        return !warnings.isEmpty();
    }
}
