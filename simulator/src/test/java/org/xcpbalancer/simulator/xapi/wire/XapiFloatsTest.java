package org.xcpbalancer.simulator.xapi.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XapiFloatsTest {

    @Test
    void xmlRpcUsesPercentPoint16g() {
        assertThat(XapiFloats.xmlRpc(1.0)).isEqualTo("1");
        assertThat(XapiFloats.xmlRpc(0.5)).isEqualTo("0.5");
        assertThat(XapiFloats.xmlRpc(0.1)).isEqualTo("0.1");
        assertThat(XapiFloats.xmlRpc(0.0)).isEqualTo("0");
        assertThat(XapiFloats.xmlRpc(1.5e-05)).isEqualTo("1.5e-05");
        assertThat(XapiFloats.xmlRpc(1326210000.25)).isEqualTo("1326210000.25");
        assertThat(XapiFloats.xmlRpc(1e20)).isEqualTo("1e+20");
        assertThat(XapiFloats.xmlRpc(-2.75)).isEqualTo("-2.75");
        assertThat(XapiFloats.xmlRpc(1.0 / 3)).isEqualTo("0.3333333333333333");
    }

    @Test
    void jsonRpcUsesYojsonText() {
        assertThat(XapiFloats.jsonRpc(1.0)).isEqualTo("1.0");
        assertThat(XapiFloats.jsonRpc(0.5)).isEqualTo("0.5");
        assertThat(XapiFloats.jsonRpc(600.0)).isEqualTo("600.0");
        assertThat(XapiFloats.jsonRpc(1e20)).isEqualTo("1e+20");
        assertThat(XapiFloats.jsonRpc(Double.NaN)).isEqualTo("NaN");
        // %.16g does not round-trip 0.1+0.2, so Yojson falls back to %.17g
        assertThat(XapiFloats.jsonRpc(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }
}
