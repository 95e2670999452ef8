package org.xcpbalancer.core.cli;

import java.time.Duration;
import org.xcpbalancer.core.settings.DurationFormat;

/**
 * The {@code --interval DURATION} option of the programs that can run as a service (xcp-control, xcp-guard): one
 * parser, so every program refuses the same values with the same kind of line (exit 2).
 */
public final class IntervalOption {
    static final Duration SHORTEST = Duration.ofSeconds(1);

    private IntervalOption() {
    }

    /**
     * @param value    the option's text, or null when the option was not given (then null: run once)
     * @param examples durations that suit the program, shown when the value is refused (e.g. "10s, 30s, 1m")
     */
    public static Duration parse(String value, String examples) {
        if (value == null) {
            return null;
        }
        try {
            Duration every = DurationFormat.parse(value);
            if (every.compareTo(SHORTEST) < 0) {
                throw new IllegalArgumentException("is shorter than 1s");
            }
            return every;
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "--interval " + value + ": " + e.getMessage()
                    + " (expected a duration such as " + examples + ")");
        }
    }
}
