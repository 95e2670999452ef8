package org.xcpbalancer.control.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.control.execute.HostGateway.HostStatus;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/**
 * host.disable, enable, shutdown and power_on through the real SDK against the simulator: what XAPI allows in
 * which state, and XAPI's own error codes when it refuses.
 */
class XapiHostGatewayTest {
    private RunningSimulator simulator;
    private XapiHostGateway gateway;
    private SimHost host2;

    @BeforeEach
    void start() throws Exception {
        // speed 60: a host boots in 2 s and shuts down in 0.5 s of test time
        simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"), SimulatorOptions.defaults().withSpeed(60));
        gateway = XapiHostGateway.open(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")));
        host2 = simulator.model().hostByName("Host2");
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void disableAndEnableAreSeenInTheHostsState() throws Exception {
        assertThat(gateway.status(host2.uuid())).isEqualTo(new HostStatus(true, true, ""));

        gateway.disable(host2.uuid());
        assertThat(gateway.status(host2.uuid()).enabled()).isFalse();
        assertThat(host2.enabled()).isFalse();

        gateway.enable(host2.uuid());
        assertThat(gateway.status(host2.uuid()).enabled()).isTrue();
    }

    @Test
    void shutdownIsRefusedWhileEnabledOrRunningGuestsWithXapisCodes() throws Exception {
        assertThatThrownBy(() -> gateway.shutdown(host2.uuid())).isInstanceOfSatisfying(HostActionRefusedException.class,
                e -> {
                    assertThat(e.call()).isEqualTo("host.shutdown");
                    assertThat(e.code()).isEqualTo("HOST_NOT_DISABLED");
                });
        gateway.disable(host2.uuid());
        assertThatThrownBy(() -> gateway.shutdown(host2.uuid())).isInstanceOfSatisfying(HostActionRefusedException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("HOST_IN_USE");
                    assertThat(e.errorDescription()).hasSize(4).element(2).isEqualTo("vm");
                });
        assertThat(gateway.status(host2.uuid()).live()).isTrue();
        assertThat(gateway.runningGuests(host2.uuid())).extracting(HostGateway.ResidentGuest::vmName)
                .containsExactlyInAnyOrder("VM2 - Debian", "VM3 - Ubuntu");
    }

    @Test
    void anEmptiedDisabledHostShutsDownAndPowersOnOnlyWithAPowerOnMode() throws Exception {
        SimHost host1 = simulator.model().hostByName("Host1");
        for (SimVm vm : simulator.model().residentVms(host2)) {
            if (vm.isGuest()) {
                simulator.model().moveVm(vm, host1);
            }
        }
        assertThat(gateway.runningGuests(host2.uuid())).as("the control domain is no guest").isEmpty();
        gateway.disable(host2.uuid());
        gateway.shutdown(host2.uuid());
        assertThat(gateway.status(host2.uuid()).live()).as("marked not live at once").isFalse();

        assertThatThrownBy(() -> gateway.powerOn(host2.uuid())).isInstanceOfSatisfying(HostActionRefusedException.class,
                e -> assertThat(e.code()).isEqualTo("HOST_POWER_ON_MODE_DISABLED"));

        simulator.model().power().setPowerOnMode(host2, "wake-on-lan", Map.of());
        assertThat(gateway.status(host2.uuid()).canPowerOn()).isTrue();
        gateway.powerOn(host2.uuid());
        HostStatus booted = awaitLive(host2.uuid(), Duration.ofSeconds(20));
        assertThat(booted.live()).as("live again after its boot time").isTrue();
        assertThat(booted.enabled()).isTrue();

        assertThatThrownBy(() -> gateway.powerOn(host2.uuid())).isInstanceOfSatisfying(HostActionRefusedException.class,
                e -> assertThat(e.code()).isEqualTo("HOST_IS_LIVE"));
    }

    private HostStatus awaitLive(String hostUuid, Duration limit) throws Exception {
        Instant until = Instant.now().plus(limit);
        HostStatus status = gateway.status(hostUuid);
        while (!status.live() && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            status = gateway.status(hostUuid);
        }
        return status;
    }
}
