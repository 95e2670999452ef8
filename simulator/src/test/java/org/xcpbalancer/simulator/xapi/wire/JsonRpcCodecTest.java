package org.xcpbalancer.simulator.xapi.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRpcCodecTest {

    private static JsonRpcCodec.Request parse(String json) throws MalformedCallException {
        return JsonRpcCodec.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void version2SuccessAndError() throws Exception {
        JsonRpcCodec.Request request = parse(
                "{\"jsonrpc\":\"2.0\",\"method\":\"host.get_resident_VMs\",\"params\":[\"OpaqueRef:s\",\"OpaqueRef:h\"],\"id\":3}");
        assertThat(request.version2()).isTrue();
        assertThat(request.call().params()).containsExactly("OpaqueRef:s", "OpaqueRef:h");
        assertThat(JsonRpcCodec.response(request, RpcResult.success(List.of("OpaqueRef:a"))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":[\"OpaqueRef:a\"],\"id\":3}");
        assertThat(JsonRpcCodec.response(request, RpcResult.failure(List.of("SESSION_INVALID", "OpaqueRef:s"))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"SESSION_INVALID\","
                        + "\"data\":[\"OpaqueRef:s\"]},\"id\":3}");
    }

    @Test
    void version1SuccessAndError() throws Exception {
        JsonRpcCodec.Request request = parse("{\"method\":\"session.logout\",\"params\":[\"OpaqueRef:s\"],\"id\":\"xyz\"}");
        assertThat(request.version2()).isFalse();
        assertThat(JsonRpcCodec.response(request, RpcResult.success("")))
                .isEqualTo("{\"result\":\"\",\"error\":null,\"id\":\"xyz\"}");
        assertThat(JsonRpcCodec.response(request, RpcResult.failure(List.of("SESSION_INVALID", "OpaqueRef:s"))))
                .isEqualTo("{\"result\":null,\"error\":[\"SESSION_INVALID\",\"OpaqueRef:s\"],\"id\":\"xyz\"}");
    }

    @Test
    void intsAreNumbersFloatsKeepAPointDatesAreStrings() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("memory_total", 4266655744L);
        record.put("progress", 1.0);
        record.put("live", false);
        record.put("created", XapiDateTime.of(Instant.parse("2024-01-01T12:00:00Z")));
        record.put("name", "tab\there \"q\"");
        assertThat(JsonRpcCodec.value(record)).isEqualTo("{\"memory_total\":4266655744,\"progress\":1.0,"
                + "\"live\":false,\"created\":\"20240101T12:00:00Z\",\"name\":\"tab\\there \\\"q\\\"\"}");
    }

    @Test
    void notificationsAndBadBodiesAreMalformed() {
        assertThatThrownBy(() -> parse("{\"jsonrpc\":\"2.0\",\"method\":\"session.login_with_password\"}"))
                .isInstanceOf(MalformedCallException.class);
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(MalformedCallException.class);
    }
}
