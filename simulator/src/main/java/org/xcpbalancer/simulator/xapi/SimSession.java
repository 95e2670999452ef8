package org.xcpbalancer.simulator.xapi;

import java.time.Instant;

/** One logged-in session: what session.get_record would show. */
public record SimSession(String ref, String uuid, String userName, String originator, String thisHostUuid,
                          Instant createdAt) {
}
