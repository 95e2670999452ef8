package org.xcpbalancer.simulator.rrd;

import java.util.Locale;

/** Number formatting as xapi-rrd's Utils.f_to_s: "%0.15g" for normal values, "0.0", "NaN", "Infinity". */
final class RrdFormat {
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
        return formatG(v);
    }

    static String jsonValue(double v) {
        return value(v);
    }

    /** C's printf("%.15g"): 15 significant digits, trailing zeros removed, exponent form outside 1e-4..1e15. */
    static String formatG(double v) {
        int precision = 15;
        String e = String.format(Locale.ROOT, "%." + (precision - 1) + "e", v);
        int exponent = Integer.parseInt(e.substring(e.indexOf('e') + 1));
        if (exponent < -4 || exponent >= precision) {
            String mantissa = stripZeros(e.substring(0, e.indexOf('e')));
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return mantissa + "e" + sign + (abs < 10 ? "0" : "") + abs;
        }
        String fixed = String.format(Locale.ROOT, "%." + Math.max(0, precision - 1 - exponent) + "f", v);
        return stripZeros(fixed);
    }

    private static String stripZeros(String number) {
        if (number.indexOf('.') < 0) {
            return number;
        }
        String stripped = number.replaceAll("0+$", "");
        return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
