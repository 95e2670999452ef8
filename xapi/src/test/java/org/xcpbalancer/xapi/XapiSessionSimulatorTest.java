package org.xcpbalancer.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.VM;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.xapi.XapiSession;

/**
 * The XAPI session against the simulator (the simulator depends on core, so the session lives in its own module
 * above both and is tested here): login, HOST_IS_SLAVE, SESSION_INVALID, bad credentials, logout and the request
 * counter.
 */
class XapiSessionSimulatorTest {
    static RunningSimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"), SimulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static XapiSettings settings(URI url, String password) {
        return XapiSettings.plain(url, "root", Secret.of(password));
    }

    @Test
    void logsInReadsAndCountsEveryRequest() throws Exception {
        long served = simulator.callCount();
        try (XapiSession session = XapiSession.open(settings(simulator.masterUrl(), "root"))) {
            Map<VM, VM.Record> vms = session.read("VM.get_all_records", VM::getAllRecords);
            assertThat(vms.values()).extracting(r -> r.nameLabel).contains("VM1 - Debian", "VM2 - Debian", "VM3 - Ubuntu");
            assertThat(session.requestCount()).isEqualTo(2);
            assertThat(session.redirectNotice()).isEmpty();
        }
        // login, get_all_records, logout: the client's count is what the pool served.
        assertThat(simulator.callCount() - served).isEqualTo(3);
    }

    @Test
    void slaveAddressIsFollowedToTheMasterOnceAndSaidSo() throws Exception {
        String slaveAddress = simulator.model().hosts().stream().filter(h -> !h.isMaster()).findFirst().orElseThrow()
                .address();
        String masterAddress = simulator.model().master().address();
        List<String> notices = new ArrayList<>();
        try (XapiSession session = XapiSession.open(settings(simulator.hostUrl(slaveAddress), "root"), notices::add)) {
            assertThat(notices).containsExactly("xapi.url names a slave; using pool master " + masterAddress);
            assertThat(session.masterUrl().getHost()).isEqualTo(masterAddress);
            Map<Pool, Pool.Record> pools = session.read("pool.get_all_records", Pool::getAllRecords);
            assertThat(pools.values()).extracting(p -> p.nameLabel).containsExactly("Main Pool");
        }
    }

    @Test
    void expiredSessionLogsInAgainOnce() throws Exception {
        try (XapiSession session = XapiSession.open(settings(simulator.masterUrl(), "root"))) {
            String before = session.connection().getSessionReference();
            assertThat(simulator.admin().expireSessions()).isPositive();
            Map<Host, Host.Record> hosts = session.read("host.get_all_records", Host::getAllRecords);
            assertThat(hosts).hasSize(2);
            assertThat(session.connection().getSessionReference()).isNotEqualTo(before);
            // the failed call, the new login, the retried call
            assertThat(session.requestCount()).isEqualTo(4);
        }
    }

    @Test
    void wrongPasswordIsAuthenticationFailedWithoutThePassword() {
        assertThatThrownBy(() -> XapiSession.open(settings(simulator.masterUrl(), "wrong-pass-123")))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.AUTHENTICATION_FAILED);
                    assertThat(e.getMessage()).contains(simulator.masterUrl().toString())
                            .contains("SESSION_AUTHENTICATION_FAILED").doesNotContain("wrong-pass-123");
                });
    }

    @Test
    void closeLogsOut() throws Exception {
        XapiSession session = XapiSession.open(settings(simulator.masterUrl(), "root"));
        String ref = session.connection().getSessionReference();
        int before = simulator.xapi().services().sessions().size();
        session.close();
        assertThat(simulator.xapi().services().sessions().size()).isEqualTo(before - 1);
        assertThat(ref).startsWith("OpaqueRef:");
    }
}
