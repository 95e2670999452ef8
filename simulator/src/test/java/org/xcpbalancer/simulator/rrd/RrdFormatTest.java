package org.xcpbalancer.simulator.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values print as xapi-rrd's Utils.f_to_s: OCaml's Printf "%0.15g", with "0.0", "NaN" and "Infinity". */
class RrdFormatTest {
    @ParameterizedTest
    @CsvSource({
            "0.26, 0.26",
            "1.0, 1",
            "0.0, 0.0",
            "-0.0, 0.0",
            "4166656, 4166656",
            "0.997506234413965, 0.997506234413965",
            "0.9975062344139651, 0.997506234413965",
            "0.00001, 1e-05",
            "0.0001, 0.0001",
            "123456789012345678, 1.23456789012346e+17",
            "100000000000000, 100000000000000",
            "1000000000000000, 1e+15",
            "-2.5, -2.5",
            "0.125, 0.125",
            "9.999999999999999e-05, 0.0001",
            "0.00012345678901234567, 0.000123456789012346",
            "-0.00001234, -1.234e-05",
            "1e300, 1e+300",
            "2.5e-300, 2.5e-300",
            "1234567.891, 1234567.891",
            "0.1, 0.1",
            "0.3333333333333333, 0.333333333333333",
            "0.6666666666666666, 0.666666666666667",
            "NaN, NaN",
            "Infinity, Infinity",
            "-Infinity, -Infinity"})
    void formatsLikePrintfG15(double value, String expected) {
        assertThat(RrdFormat.value(value)).isEqualTo(expected);
    }
}
