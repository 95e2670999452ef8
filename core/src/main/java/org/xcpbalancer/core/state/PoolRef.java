package org.xcpbalancer.core.state;

import java.time.Instant;
import java.util.Optional;

/** A pool recorded in the database (several pools may share one). */
public record PoolRef(int id, String uuid, String name, String masterAddress, Optional<Instant> lastCollectedAt) {
}
