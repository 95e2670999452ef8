package org.xcpbalancer.simulator.xapi.wire;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Float text as XAPI produces it. XML-RPC: ocaml-rpc prints {@code Printf "%.16g"} (0.5, 1, 1.5e-05).
 * JSON-RPC: Yojson prints "%.16g", falls back to "%.17g" when that does not round-trip, and appends ".0" when the
 * text has neither a point nor an exponent (1.0, 0.5); NaN and infinities as bare NaN / Infinity.
 */
public final class XapiFloats {

    private XapiFloats() {
    }

    /** C's {@code %.16g}: what XAPI writes inside {@code <double>}. */
    public static String xmlRpc(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return formatG(value, 16);
    }

    /** Yojson's float text: what XAPI writes as a JSON-RPC number. */
    public static String jsonRpc(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        String text = formatG(value, 16);
        if (Double.parseDouble(text) != value) {
            text = formatG(value, 17);
        }
        boolean needsPeriod = text.chars().noneMatch(c -> c == '.' || c == 'e');
        return needsPeriod ? text + ".0" : text;
    }

    /** C's {@code %.<precision>g} for finite values. */
    static String formatG(double value, int precision) {
        if (value == 0.0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent);
            String digits = stripZeros(mantissa.toPlainString());
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return digits + "e" + sign + (abs < 10 ? "0" + abs : Integer.toString(abs));
        }
        return stripZeros(rounded.toPlainString());
    }

    private static String stripZeros(String plain) {
        if (plain.indexOf('.') < 0) {
            return plain;
        }
        int end = plain.length();
        while (plain.charAt(end - 1) == '0') {
            end--;
        }
        if (plain.charAt(end - 1) == '.') {
            end--;
        }
        return plain.substring(0, end);
    }
}
