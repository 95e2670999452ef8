package org.xcpbalancer.core.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The database stores every time as UTC DATETIME(3); these convert at the repository boundary. Instants are
 * truncated to milliseconds on the way in, so a time read back equals the one written (the server would round
 * the microseconds instead, which can move a time into the next millisecond).
 */
public final class UtcTime {
    private UtcTime() {
    }

    public static Instant toInstant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    public static LocalDateTime toUtc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
