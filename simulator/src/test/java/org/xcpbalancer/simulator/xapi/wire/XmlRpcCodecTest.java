package org.xcpbalancer.simulator.xapi.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRpcCodecTest {

    @Test
    void successIsWrappedInStatusAndValueAsOcamlRpcWritesIt() {
        String xml = XmlRpcCodec.response(RpcResult.success("OpaqueRef:abc"));
        assertThat(xml).isEqualTo("<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
                + "<member><name>Status</name><value>Success</value></member>"
                + "<member><name>Value</name><value>OpaqueRef:abc</value></member>"
                + "</struct></value></param></params></methodResponse>");
    }

    @Test
    void failureCarriesErrorDescriptionArray() {
        String xml = XmlRpcCodec.response(RpcResult.failure(List.of("SESSION_INVALID", "OpaqueRef:x")));
        assertThat(xml).contains("<member><name>Status</name><value>Failure</value></member>"
                + "<member><name>ErrorDescription</name><value><array><data><value>SESSION_INVALID</value>"
                + "<value>OpaqueRef:x</value></data></array></value></member>");
    }

    @Test
    void scalarsAreEncodedAsXapiDoes() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("memory_total", 4266655744L);
        record.put("live", true);
        record.put("progress", 0.25);
        record.put("last_updated", XapiDateTime.of(Instant.parse("2024-01-01T12:00:00Z")));
        record.put("name_label", "a<b & \"c\"");
        record.put("tags", List.of());
        record.put("count", new XapiInt32(6));
        assertThat(XmlRpcCodec.value(record)).isEqualTo("<value><struct>"
                + "<member><name>memory_total</name><value>4266655744</value></member>"
                + "<member><name>live</name><value><boolean>1</boolean></value></member>"
                + "<member><name>progress</name><value><double>0.25</double></value></member>"
                + "<member><name>last_updated</name><value><dateTime.iso8601>20240101T12:00:00Z"
                + "</dateTime.iso8601></value></member>"
                + "<member><name>name_label</name><value>a&lt;b &amp; &quot;c&quot;</value></member>"
                + "<member><name>tags</name><value><array><data></data></array></value></member>"
                + "<member><name>count</name><value><i4>6</i4></value></member>"
                + "</struct></value>");
    }

    @Test
    void parsesAnApacheClientCall() throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodCall><methodName>VM.pool_migrate</methodName>"
                + "<params><param><value>OpaqueRef:s</value></param><param><value><string>OpaqueRef:vm</string>"
                + "</value></param><param><value>OpaqueRef:h</value></param><param><value><struct><member>"
                + "<name>live</name><value>true</value></member></struct></value></param>"
                + "<param><value><double>30.0</double></value></param><param><value><array><data>"
                + "<value>vm</value><value><i4>3</i4></value></data></array></value></param>"
                + "<param><value><boolean>1</boolean></value></param><param><value></value></param></params>"
                + "</methodCall>";
        RpcCall call = XmlRpcCodec.parseCall(body.getBytes(StandardCharsets.UTF_8));
        assertThat(call.method()).isEqualTo("VM.pool_migrate");
        assertThat(call.params()).containsExactly("OpaqueRef:s", "OpaqueRef:vm", "OpaqueRef:h",
                Map.of("live", "true"), 30.0, List.of("vm", 3L), true, "");
    }

    @Test
    void malformedCallIsRejected() {
        assertThatThrownBy(() -> XmlRpcCodec.parseCall(
                "<methodCall><methodName>session.logout</methodName>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedCallException.class);
    }
}
