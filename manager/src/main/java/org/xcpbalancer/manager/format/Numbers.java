package org.xcpbalancer.manager.format;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How figures read on screen. A null figure was not measured and reads so, never as 0. */
public final class Numbers {
    /** Printed by the original-style labelled fields when the collector could not measure a value. */
    public static final String NOT_MEASURED = "not measured";

    private Numbers() {
    }

    /** At most the given decimals, trailing zeros dropped: 25.0 -> "25", 12.50 -> "12.5". */
    public static String plain(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A threshold exactly as typed (25 -> "25", 12.5 -> "12.5"). */
    public static String threshold(double value) {
        return plain(value, 6);
    }

    public static String orNotMeasured(Number value, int decimals) {
        if (value == null) {
            return NOT_MEASURED;
        }
        return value instanceof Double d ? plain(d, decimals) : value.toString();
    }

    /** For tables: one decimal, or "-" when not measured. */
    public static String cell(Double value, int decimals) {
        return value == null ? "-" : BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    public static String cell(Number value) {
        return value == null ? "-" : value.toString();
    }
}
