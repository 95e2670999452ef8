package org.xcpbalancer.control.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/** Maintenance's host.disable/enable through the real SDK, held back when the pool's lease is lost. */
class LeasedHostGatewayTest {
    private static final LaunchFence LOST = new LaunchFence() {
        @Override
        public Optional<String> refusal(int poolId, long migrationId) {
            return Optional.of("lost");
        }

        @Override
        public Optional<String> actionRefusal(int poolId) {
            return Optional.of("xcp-service instance a lost the lease of pool main (epoch 3)");
        }
    };

    private RunningSimulator simulator;
    private XapiHostGateway xapi;
    private SimHost host2;

    @BeforeEach
    void start() throws Exception {
        simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"), SimulatorOptions.defaults());
        xapi = XapiHostGateway.open(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")));
        host2 = simulator.model().hostByName("Host2");
    }

    @AfterEach
    void stop() {
        if (xapi != null) {
            xapi.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void anOwnerThatLostItsLeaseSendsNoHostDisable() {
        LeasedHostGateway hosts = new LeasedHostGateway(xapi, LOST, 1);

        assertThatThrownBy(() -> hosts.disable(host2.uuid()))
                .isInstanceOfSatisfying(HostActionRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(LeasedHostGateway.LEASE_LOST);
                    assertThat(e.getMessage()).isEqualTo("host.disable refused: LEASE_LOST not sent: xcp-service"
                            + " instance a lost the lease of pool main (epoch 3)");
                });
        assertThat(host2.enabled()).as("the pool never saw the call").isTrue();
    }

    @Test
    void theOwnerWithItsLeaseDisablesAndEnablesAsXapiDoes() throws Exception {
        LeasedHostGateway hosts = new LeasedHostGateway(xapi, LaunchFence.NONE, 1);

        hosts.disable(host2.uuid());
        assertThat(host2.enabled()).isFalse();
        assertThat(hosts.status(host2.uuid()).enabled()).isFalse();

        hosts.enable(host2.uuid());
        assertThat(host2.enabled()).isTrue();
    }
}
