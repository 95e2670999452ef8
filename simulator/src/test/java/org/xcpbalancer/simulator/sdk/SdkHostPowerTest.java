package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.Types;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * host.disable, shutdown, power_on and set_power_on_mode through the 8.1 SDK with xapi's errors, and the power
 * model's energy.
 */
class SdkHostPowerTest extends PowerPoolTestBase {

    @Test
    void hostShutdownAndPowerOn() throws Exception {
        Host c = host("C");
        Host b = host("B");
        assertError(() -> c.shutdown(connection), "HOST_NOT_DISABLED");
        b.disable(connection);
        assertError(() -> b.shutdown(connection), "HOST_IN_USE", ref(b), "vm", ref(vm("web")));
        assertError(() -> c.powerOn(connection), "HOST_IS_LIVE", ref(c));
        c.disable(connection);
        assertThat(c.getAllowedOperations(connection)).contains(Types.HostAllowedOperations.SHUTDOWN);
        c.shutdown(connection);
        assertThat(c.getMetrics(connection).getLive(connection)).isFalse();
        advance(Duration.ofSeconds(11));
        eventually(() -> refused("127.0.0.3"));
        assertError(() -> c.powerOn(connection), "HOST_POWER_ON_MODE_DISABLED");
        c.setPowerOnMode(connection, "wake-on-lan", Map.of());
        assertThat(c.getPowerOnMode(connection)).isEqualTo("wake-on-lan");
        c.powerOn(connection);
        advance(Duration.ofSeconds(30));
        assertThat(c.getMetrics(connection).getLive(connection)).isFalse();
        advance(Duration.ofSeconds(31));
        eventually(() -> call(() -> c.getMetrics(connection).getLive(connection)));
        assertThat(c.getEnabled(connection)).isTrue();
        eventually(() -> !refused("127.0.0.3"));
    }

    @Test
    void energyWithOneHostOffIsLower() throws Exception {
        // All on for an hour: A at 0.5 of one of 4 cores (+dom0), B 2 × 0.5 of 4, C idle.
        advance(Duration.ofHours(1));
        double allOn = energyWh();
        assertThat(allOn).isBetween(300.0, 400.0);
        host("C").disable(connection);
        host("C").shutdown(connection);
        advance(Duration.ofSeconds(11));
        eventually(() -> refused("127.0.0.3"));
        double before = energyWh();
        advance(Duration.ofHours(1));
        double oneOff = energyWh() - before;
        assertThat(allOn - oneOff).isBetween(99.0, 101.0);
        assertThat(hostState("C").get("watts").asDouble()).isZero();
    }
}
