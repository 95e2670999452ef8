package org.xcpbalancer.service.lease;

/** A pool lease as held: the pool file's name and the epoch it was granted under. */
public record Lease(String pool, long epoch) {
}
