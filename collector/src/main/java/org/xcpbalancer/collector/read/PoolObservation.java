package org.xcpbalancer.collector.read;

import java.time.Instant;
import java.util.List;

/**
 * What one read of the pool saw: the pool, its hosts and its VMs (templates and snapshots left out), and the
 * pool master's clock at the time. Immutable.
 */
public record PoolObservation(String poolUuid, String poolName, String masterAddress, Instant serverTime,
        List<ObservedHost> hosts, List<ObservedVm> vms) {

    public PoolObservation {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
    }
}
