package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.VM;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.TestPools;
import org.xcpbalancer.simulator.model.HostLoad;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;

/** Each host serves its own /rrd_updates, and the numbers are the load model's; query_data_source agrees. */
class RrdUpdatesOverHttpTest {

    private static RunningSimulator simulator;
    private static Connection connection;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        simulator = SimulatorServer.start(TestPools.paper(), SimulatorOptions.defaults());
        connection = SdkSupport.login(simulator.masterUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static HttpResponse<String> get(String address, String query) throws Exception {
        URI uri = URI.create(simulator.hostUrl(address) + "/rrd_updates?" + query);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(String extra) {
        long start = Instant.now().getEpochSecond() - 60;
        return "session_id=" + connection.getSessionReference() + "&start=" + start + "&cf=AVERAGE&interval=5&host=true"
                + extra;
    }

    @Test
    void onlyTheExactStringTrueAsksForTheHostsOwnDataSources() throws Exception {
        SimHost host1 = simulator.model().hostByName("Host1");
        long start = Instant.now().getEpochSecond() - 60;
        String base = "session_id=" + connection.getSessionReference() + "&start=" + start + "&cf=AVERAGE&interval=5";
        assertThat(get(host1.address(), base + "&host=true").body()).contains("AVERAGE:host:" + host1.uuid() + ":cpu0");
        HttpResponse<String> capitalised = get(host1.address(), base + "&host=True");
        assertThat(capitalised.statusCode()).isEqualTo(200);
        assertThat(capitalised.body()).doesNotContain("AVERAGE:host:").contains("AVERAGE:vm:");
    }

    @Test
    void aConsolidationFunctionWithoutArchiveFailsAsXcpRrddDoes() throws Exception {
        SimHost host1 = simulator.model().hostByName("Host1");
        long start = Instant.now().getEpochSecond() - 60;
        HttpResponse<String> response = get(host1.address(), "session_id=" + connection.getSessionReference()
                + "&start=" + start + "&cf=MAX&interval=5&host=true");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("No_RRA_Available");
    }

    @Test
    void slaveServesItselfAndItsResidentVmsMatchingTheLoadModel() throws Exception {
        PoolModel model = simulator.model();
        SimHost host2 = model.hostByName("Host2");
        HttpResponse<String> response = get(host2.address(), query(""));
        assertThat(response.statusCode()).isEqualTo(200);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        List<String> legend = texts(xml.getElementsByTagName("entry"));
        SimVm vm1 = model.vmByName("VM1 - Debian");
        SimVm vm3 = model.vmByName("VM3 - Ubuntu");
        assertThat(legend).contains("AVERAGE:host:" + host2.uuid() + ":cpu0", "AVERAGE:host:" + host2.uuid() + ":cpu_avg",
                "AVERAGE:host:" + host2.uuid() + ":memory_free_kib", "AVERAGE:vm:" + vm3.uuid() + ":cpu2");
        assertThat(legend).noneMatch(entry -> entry.contains(vm1.uuid()));

        Element newest = (Element) xml.getElementsByTagName("row").item(0);
        long t = Long.parseLong(newest.getElementsByTagName("t").item(0).getTextContent());
        List<String> values = texts(newest.getElementsByTagName("v"));
        HostLoad expected = model.hostLoadAt(host2, Instant.ofEpochSecond(t));
        double cpuAvg = Double.parseDouble(values.get(legend.indexOf("AVERAGE:host:" + host2.uuid() + ":cpu_avg")));
        assertThat(cpuAvg).isCloseTo(expected.cpuAvg(), within(1e-9));
        // VM2 (2 x 100%) and VM3 (3 x 67%) ask for more than Host2's 4 cores: the host is saturated.
        assertThat(cpuAvg).isGreaterThan(0.95);
    }

    @Test
    void jsonFormatHasTheSameLegend() throws Exception {
        SimHost host1 = simulator.model().hostByName("Host1");
        HttpResponse<String> response = get(host1.address(), query("&json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"legend\"", "AVERAGE:host:" + host1.uuid() + ":cpu_avg");
    }

    @Test
    void invalidSessionIsUnauthorised() throws Exception {
        HttpResponse<String> response = get("127.0.0.1", "session_id=OpaqueRef:bogus&start=0&host=true");
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void queryDataSourceGivesTheLatestAverage() throws Exception {
        Host host2 = Host.getByNameLabel(connection, "Host2").iterator().next();
        double cpuAvg = host2.queryDataSource(connection, "cpu_avg");
        assertThat(cpuAvg).isBetween(0.95, 1.0);
        VM vm1 = VM.getByNameLabel(connection, "VM1 - Debian").iterator().next();
        // VM1 asks 50% of each of its 2 vCPUs on an uncrowded host, so it gets it.
        assertThat(vm1.queryDataSource(connection, "cpu0")).isCloseTo(0.5, within(0.05));
        assertThat(vm1.queryDataSource(connection, "memory")).isEqualTo(1024.0 * 1024 * 1024);
        assertThat(vm1.getDataSources(connection)).extracting(ds -> ds.nameLabel).contains("cpu0", "cpu1", "memory");
        for (var dataSource : host2.getDataSources(connection)) {
            SdkSupport.assertNoNullFields(dataSource);
        }
    }

    private static List<String> texts(NodeList nodes) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add(nodes.item(i).getTextContent());
        }
        return result;
    }
}
