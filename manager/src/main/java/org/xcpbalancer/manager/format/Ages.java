package org.xcpbalancer.manager.format;

import java.time.Duration;

/** Short human durations: "42 s", "7 min", "3 h 5 min", "2 d 4 h". */
public final class Ages {
    private Ages() {
    }

    public static String describe(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** A run's or a migration's duration: "850 ms", "12.4 s", "3 min". */
    public static String elapsed(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return Numbers.plain(millis / 1000.0, 1) + " s";
        }
        return describe(duration);
    }
}
