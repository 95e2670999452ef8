package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.Types;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.xmlrpc.XmlRpcException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.TestPools;

/** Injected faults as a client sees them, set in-process and through the /sim/ API. */
class FaultsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningSimulator simulator;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        simulator = SimulatorServer.start(TestPools.paper(), SimulatorOptions.defaults());
        connection = SdkSupport.login(simulator.masterUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.masterUrl() + path));
        request = method.equals("GET") ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void latencyDelaysEveryCall() throws Exception {
        simulator.admin().setLatency(Duration.ofMillis(200));
        long start = System.nanoTime();
        Pool.getAll(connection);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(200_000_000L);
    }

    @Test
    void failingAndDroppedCallsAreTransportErrors() throws Exception {
        long before = simulator.callCount();
        simulator.admin().setFailShare(1.0);
        assertThatThrownBy(() -> Pool.getAll(connection)).isInstanceOf(XmlRpcException.class)
                .hasMessageContaining("Internal Server Error");
        simulator.admin().setFailShare(0.0);
        simulator.admin().setDropShare(1.0);
        assertThatThrownBy(() -> Pool.getAll(connection)).isInstanceOf(XmlRpcException.class);
        simulator.admin().setDropShare(0.0);
        assertThat(Pool.getAll(connection)).hasSize(1);
        assertThat(simulator.callCount() - before).as("only the call that was answered is counted").isEqualTo(1);
    }

    @Test
    void expiredSessionsAreInvalid() throws Exception {
        simulator.admin().expireSessions();
        assertThatThrownBy(() -> Pool.getAll(connection)).isInstanceOfSatisfying(Types.SessionInvalid.class,
                e -> assertThat(e.handle).isEqualTo(connection.getSessionReference()));
        assertThat(Pool.getAll(SdkSupport.login(simulator.masterUrl()))).hasSize(1);
    }

    @Test
    void aDeadHostStopsAnsweringAndComesBack() throws Exception {
        Host host2 = Host.getByNameLabel(connection, "Host2").iterator().next();
        URI rrd = URI.create(simulator.hostUrl("127.0.0.2") + "/rrd_updates?session_id="
                + connection.getSessionReference() + "&start=0&host=true");
        assertThat(admin("POST", "/sim/hosts/Host2/kill", "").statusCode()).isEqualTo(200);
        assertThat(host2.getMetrics(connection).getLive(connection)).isFalse();
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(rrd).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> host2.queryDataSource(connection, "cpu_avg")).isInstanceOf(Types.HostOffline.class);

        assertThat(admin("POST", "/sim/hosts/Host2/revive", "").statusCode()).isEqualTo(200);
        assertThat(host2.getMetrics(connection).getLive(connection)).isTrue();
        assertThat(HTTP.send(HttpRequest.newBuilder(rrd).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aDeadMasterDropsXapiCallsButKeepsTheAdminApi() throws Exception {
        simulator.admin().killHost("Host1");
        assertThatThrownBy(() -> Pool.getAll(connection)).isInstanceOf(XmlRpcException.class);
        HttpResponse<String> state = admin("GET", "/sim/state", null);
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"live\" : false");
        simulator.admin().reviveHost("Host1");
        assertThat(Pool.getAll(connection)).hasSize(1);
    }

    @Test
    void adminApiSetsFaultsAndLoad() throws Exception {
        HttpResponse<String> faults = admin("POST", "/sim/faults", "{\"latencyMs\": 5, \"failShare\": 0.25}");
        assertThat(faults.statusCode()).isEqualTo(200);
        assertThat(simulator.admin().faults().latency()).isEqualTo(Duration.ofMillis(5));
        assertThat(simulator.admin().faults().failShare()).isEqualTo(0.25);
        assertThat(admin("POST", "/sim/faults", "{\"failShare\": 3}").statusCode()).isEqualTo(400);

        assertThat(admin("POST", "/sim/vms/VM1 - Debian/cpu".replace(" ", "%20"), "{\"cpu\": 0.9}").statusCode())
                .isEqualTo(200);
        assertThat(simulator.model().vmCpuDemand(simulator.model().vmByName("VM1 - Debian"))).isEqualTo(0.9);
        assertThat(admin("POST", "/sim/vms/NoSuchVm/cpu", "{\"cpu\": 0.9}").statusCode()).isEqualTo(404);
        assertThat(admin("GET", "/sim/nothing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void adminApiIsNotReachableThroughXapi() throws Exception {
        HttpResponse<String> onSlave = HTTP.send(HttpRequest.newBuilder(
                URI.create(simulator.hostUrl("127.0.0.2") + "/sim/state")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onSlave.statusCode()).isEqualTo(404);
        HttpResponse<String> asCall = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.masterUrl() + "/jsonrpc"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"sim.state\",\"params\":[\""
                        + connection.getSessionReference() + "\"],\"id\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asCall.body()).contains("\"message\":\"MESSAGE_METHOD_UNKNOWN\"");
    }
}
