package org.xcpbalancer.simulator.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The mutable part of a pool besides the objects' own fields: who runs where, memory held for incoming
 * migrations, migration traffic, post-migration noise and the next domain id per host. Guarded by the
 * {@link PoolModel}'s lock; never handed out.
 */
final class PoolModelState {
    /** Running VMs per host, control domain first, in the order they arrived. */
    final Map<SimHost, Set<SimVm>> residents = new HashMap<>();
    final Map<SimHost, Map<SimVm, Long>> reservations = new HashMap<>();
    /** Per host: {rx, tx} bytes/s of live migrations in progress. */
    final Map<SimHost, double[]> migrationTraffic = new HashMap<>();
    final Map<SimHost, Integer> migrationStreams = new HashMap<>();
    final Map<SimVm, Instant> noisyUntil = new HashMap<>();
    final Map<SimHost, Long> nextDomid = new HashMap<>();

    long takeDomid(SimHost host) {
        long domid = nextDomid.getOrDefault(host, 1L);
        nextDomid.put(host, domid + 1);
        return domid;
    }
}
