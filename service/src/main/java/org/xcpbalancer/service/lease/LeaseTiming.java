package org.xcpbalancer.service.lease;

import java.time.Duration;

/**
 * The lease clock, all derived from service.leaseRenewal (R): an owner renews every R; a lease lasts 1.5 R after
 * its renewal (one late renewal is forgiven); every instance looks for free and expired leases every R / 4. An
 * instance that stops renewing therefore loses its pools within 1.5 R + R / 4 of its last renewal, under the two
 * periods the service promises.
 */
public record LeaseTiming(Duration renewal) {
    public LeaseTiming {
        if (renewal.isNegative() || renewal.isZero()) {
            throw new IllegalArgumentException("service.leaseRenewal must be positive");
        }
    }

    /** How long a lease (and an instance's heartbeat) lasts after it was last renewed, in database time. */
    public Duration ttl() {
        return renewal.multipliedBy(3).dividedBy(2);
    }

    /** How often the manager wakes up: heartbeat and renewal when due, takeover of expired leases at once. */
    public Duration tick() {
        return renewal.dividedBy(4);
    }
}
