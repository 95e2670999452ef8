package org.xcpbalancer.core.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as administrators write them: 500ms, 90s, 30m, 1h, 7d, 1h30m, or ISO-8601 (PT30M). */
public final class DurationFormat {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("((\\d+)(ms|s|m|h|d))+");

    private DurationFormat() {
    }

    /** Parses a duration; the exception message says what is wrong and shows the accepted forms. */
    public static Duration parse(String text) {
        String value = text.trim();
        if (value.startsWith("-")) {
            throw new IllegalArgumentException("is negative; expected a duration of 0 or more, such as 30s, 5m or 1h");
        }
        if (value.toUpperCase().startsWith("PT") || value.toUpperCase().startsWith("P")) {
            try {
                Duration parsed = Duration.parse(value.toUpperCase());
                if (parsed.isNegative()) {
                    throw new IllegalArgumentException("is negative; expected a duration of 0 or more, such as 30s, 5m or 1h");
                }
                return parsed;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not a duration; expected a number with a unit (ms, s, m, h, d), such as 30s, 5m or 1h");
            }
        }
        if (value.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("has no unit; expected a number with a unit (ms, s, m, h, d), such as 30s, 5m or 1h");
        }
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException("is not a duration; expected a number with a unit (ms, s, m, h, d), such as 30s, 5m or 1h");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }

    /** The shortest of our own forms for a duration: 30m, 90s, 1h30m, 500ms. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        long seconds = duration.toSecondsPart();
        long millis = duration.toMillisPart();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0) {
            out.append(seconds).append('s');
        }
        if (millis > 0) {
            out.append(millis).append("ms");
        }
        return out.toString();
    }
}
