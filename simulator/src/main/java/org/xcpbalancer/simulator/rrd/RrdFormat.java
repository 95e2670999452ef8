package org.xcpbalancer.simulator.rrd;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Number formatting as xapi-rrd's Utils.f_to_s: OCaml's Printf "%0.15g" for normal values, "0.0" for zero,
 * "NaN" and "Infinity"/"-Infinity". "%g" is done as glibc does it: the exact binary value rounded half-even to 15
 * significant digits, trailing zeros dropped, exponent form (e+XX) below 1e-4 and from 1e15.
 */
final class RrdFormat {
    private static final int PRECISION = 15;
    private static final MathContext SIGNIFICANT = new MathContext(PRECISION, RoundingMode.HALF_EVEN);
    /** Rows repeat the same values a lot; formatting them once keeps a 2,000-VM export cheap. */
    private static final int CACHE_LIMIT = 20_000;
    private static final ConcurrentHashMap<Double, String> CACHE = new ConcurrentHashMap<>();

    private RrdFormat() {
    }

    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0.0";
        }
        String cached = CACHE.get(v);
        if (cached == null) {
            cached = formatG(v);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(v, cached);
        }
        return cached;
    }

    /** C's printf("%.15g") of a finite, non-zero double. */
    static String formatG(double v) {
        BigDecimal rounded = new BigDecimal(v).round(SIGNIFICANT);
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal stripped = rounded.stripTrailingZeros();
        if (exponent >= -4 && exponent < PRECISION) {
            return stripped.toPlainString();
        }
        String digits = stripped.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder(24);
        if (v < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        int abs = Math.abs(exponent);
        out.append('e').append(exponent < 0 ? '-' : '+').append(abs < 10 ? "0" : "").append(abs);
        return out.toString();
    }
}
