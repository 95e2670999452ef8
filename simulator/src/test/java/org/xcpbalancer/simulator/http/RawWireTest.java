package org.xcpbalancer.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.TestPools;

/** Raw XML-RPC and JSON-RPC, without the SDK, pinning the encodings where XAPI clients are strict. */
class RawWireTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern REF = Pattern.compile("OpaqueRef:[0-9a-f-]{36}");
    private static RunningSimulator simulator;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        simulator = SimulatorServer.start(TestPools.paper(), SimulatorOptions.defaults());
        session = login();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.masterUrl() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String xmlCall(String method, String... params) throws Exception {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        for (String param : params) {
            body.append("<param><value>").append(param).append("</value></param>");
        }
        body.append("</params></methodCall>");
        HttpResponse<String> response = post("/", "text/xml", body.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        return response.body();
    }

    private static String json(String body) throws Exception {
        HttpResponse<String> response = post("/jsonrpc", "application/json", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return response.body();
    }

    private static String login() throws Exception {
        String response = xmlCall("session.login_with_password", "root", "root", "2.15", "raw test");
        Matcher ref = REF.matcher(response);
        assertThat(ref.find()).isTrue();
        return ref.group();
    }

    private static String firstRef(String response) {
        Matcher matcher = REF.matcher(response);
        assertThat(matcher.find()).as("a ref in %s", response).isTrue();
        return matcher.group();
    }

    @Test
    void loginResponseIsExactlyXapis() throws Exception {
        String response = xmlCall("session.login_with_password", "root", "root");
        assertThat(response).matches(Pattern.quote("<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
                + "<member><name>Status</name><value>Success</value></member><member><name>Value</name><value>")
                + "OpaqueRef:[0-9a-f-]{36}" + Pattern.quote("</value></member></struct></value></param></params>"
                + "</methodResponse>"));
    }

    @Test
    void xmlRecordsUseUntypedIntsBooleansDoublesAndDates() throws Exception {
        String host = firstRef(xmlCall("pool.get_master", session, firstRef(xmlCall("pool.get_all", session))));
        String record = xmlCall("host.get_record", session, host);
        assertThat(record).contains("<member><name>API_version_major</name><value>2</value></member>",
                "<member><name>enabled</name><value><boolean>1</boolean></value></member>",
                "<member><name>address</name><value>127.0.0.1</value></member>",
                "<member><name>crash_dump_sr</name><value>OpaqueRef:NULL</value></member>",
                "<member><name>virtual_hardware_platform_versions</name><value><array><data><value>0</value>");
        assertThat(record).doesNotContain("<i4>", "<int>", "<nil/>", "<string>");

        String metrics = xmlCall("host_metrics.get_record", session,
                firstRef(xmlCall("host.get_metrics", session, host)));
        assertThat(metrics).contains("<member><name>memory_total</name><value>4266655744</value></member>");
        assertThat(metrics).containsPattern("<member><name>last_updated</name><value><dateTime.iso8601>"
                + "\\d{8}T\\d{2}:\\d{2}:\\d{2}Z</dateTime.iso8601></value></member>");

        String cpu = xmlCall("host_cpu.get_record", session, firstRef(xmlCall("host_cpu.get_all", session)));
        assertThat(cpu).containsPattern("<member><name>utilisation</name><value><double>[0-9.e+-]+</double>");
    }

    @Test
    void voidIsAnEmptyValue() throws Exception {
        String other = login();
        assertThat(xmlCall("session.logout", other)).contains(
                "<member><name>Value</name><value></value></member>");
    }

    @Test
    void errorsCarryXapisParameters() throws Exception {
        assertThat(xmlCall("VM.get_record", "OpaqueRef:bad", "OpaqueRef:x")).contains(
                "<member><name>Status</name><value>Failure</value></member><member><name>ErrorDescription</name>"
                        + "<value><array><data><value>SESSION_INVALID</value><value>OpaqueRef:bad</value></data>"
                        + "</array></value></member>");
        assertThat(xmlCall("VM.get_record", session, "OpaqueRef:x")).contains(
                "<value>HANDLE_INVALID</value><value>VM</value><value>OpaqueRef:x</value>");
        assertThat(xmlCall("VM.no_such_call", session)).contains(
                "<value>MESSAGE_METHOD_UNKNOWN</value><value>VM.no_such_call</value>");
        assertThat(xmlCall("VM.get_record", session)).contains(
                "<value>MESSAGE_PARAMETER_COUNT_MISMATCH</value><value>VM.get_record</value><value>1</value>"
                        + "<value>0</value>");
        assertThat(xmlCall("session.login_with_password", "root", "nope")).contains(
                "<value>SESSION_AUTHENTICATION_FAILED</value><value>root</value><value>Authentication failure</value>");
    }

    @Test
    void jsonRpc2SharesSessionsWithXmlRpcAndUsesNumbers() throws Exception {
        String hosts = json("{\"jsonrpc\":\"2.0\",\"method\":\"host.get_all_records\",\"params\":[\"" + session
                + "\"],\"id\":7}");
        assertThat(hosts).startsWith("{\"jsonrpc\":\"2.0\",\"result\":{").endsWith(",\"id\":7}");
        assertThat(hosts).contains("\"API_version_major\":2,", "\"enabled\":true,", "\"memory_overhead\":67108864,");
        String error = json("{\"jsonrpc\":\"2.0\",\"method\":\"host.get_all\",\"params\":[\"OpaqueRef:bad\"],\"id\":8}");
        assertThat(error).isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"SESSION_INVALID\","
                + "\"data\":[\"OpaqueRef:bad\"]},\"id\":8}");
    }

    @Test
    void jsonRpc1AnswersResultErrorId() throws Exception {
        String jsonSession = json("{\"method\":\"session.login_with_password\",\"params\":[\"root\",\"root\"],"
                + "\"id\":\"a\"}");
        assertThat(jsonSession).matches("\\{\"result\":\"OpaqueRef:[0-9a-f-]{36}\",\"error\":null,\"id\":\"a\"\\}");
        String fromJson = firstRef(jsonSession);
        assertThat(xmlCall("pool.get_all", fromJson)).contains("<value>Success</value>");
        String error = json("{\"method\":\"VM.get_record\",\"params\":[\"" + fromJson + "\",\"OpaqueRef:x\"],\"id\":9}");
        assertThat(error).isEqualTo("{\"result\":null,\"error\":[\"HANDLE_INVALID\",\"VM\",\"OpaqueRef:x\"],\"id\":9}");
        String metrics = json("{\"method\":\"host_metrics.get_all_records\",\"params\":[\"" + fromJson + "\"],\"id\":1}");
        assertThat(metrics).containsPattern("\"last_updated\":\"\\d{8}T\\d{2}:\\d{2}:\\d{2}Z\"");
    }

    @Test
    void asyncMigrationOverJsonRpcReportsProgressAsANumber() throws Exception {
        String vms = json("{\"jsonrpc\":\"2.0\",\"method\":\"VM.get_by_name_label\",\"params\":[\"" + session
                + "\",\"VM2 - Debian\"],\"id\":1}");
        String vm = firstRef(vms);
        String host1 = firstRef(json("{\"jsonrpc\":\"2.0\",\"method\":\"host.get_by_name_label\",\"params\":[\""
                + session + "\",\"Host1\"],\"id\":2}"));
        String task = firstRef(json("{\"jsonrpc\":\"2.0\",\"method\":\"Async.VM.pool_migrate\",\"params\":[\""
                + session + "\",\"" + vm + "\",\"" + host1 + "\",{\"live\":\"true\"}],\"id\":3}"));
        String record = json("{\"jsonrpc\":\"2.0\",\"method\":\"task.get_record\",\"params\":[\"" + session
                + "\",\"" + task + "\"],\"id\":4}");
        assertThat(record).containsPattern("\"progress\":[0-9]+\\.[0-9]+(e-[0-9]+)?,")
                .contains("\"status\":\"pending\"", "\"finished\":\"19700101T00:00:00Z\"", "\"error_info\":[]");
    }

    @Test
    void listMethodsIsABareArray() throws Exception {
        String response = xmlCall("system.listMethods");
        assertThat(response).startsWith("<?xml version=\"1.0\"?><methodResponse><params><param><value><array><data>");
        assertThat(response).contains("<value>Async.VM.pool_migrate</value>", "<value>event.from</value>",
                "<value>host.get_servertime</value>");
    }

    @Test
    void eventFromCountsAreI4AndTheTokenIsXapis() throws Exception {
        String response = xmlCall("event.from", session, "<array><data><value>pool</value></data></array>", "",
                "<double>1.0</double>");
        assertThat(response).contains("<member><name>valid_ref_counts</name><value><struct>",
                "<member><name>pool</name><value><i4>1</i4></value></member>",
                "<member><name>timestamp</name><value>0.0</value></member>",
                "<member><name>operation</name><value>add</value></member>");
        assertThat(response).containsPattern("<member><name>token</name><value>\\d{20},\\d{20}</value></member>");
    }

    @Test
    void malformedRequestsGetHttp500() throws Exception {
        assertThat(post("/", "text/xml", "<methodCall><methodName>session.logout</methodName>").statusCode())
                .isEqualTo(500);
        assertThat(post("/jsonrpc", "application/json", "{\"jsonrpc\":\"2.0\",\"method\":\"session.logout\"}")
                .statusCode()).isEqualTo(500);
    }
}
