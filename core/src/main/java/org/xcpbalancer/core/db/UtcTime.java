package org.xcpbalancer.core.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The database stores every time as UTC DATETIME(3); these convert at the repository boundary. */
public final class UtcTime {
    private UtcTime() {
    }

    public static Instant toInstant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    public static LocalDateTime toUtc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
