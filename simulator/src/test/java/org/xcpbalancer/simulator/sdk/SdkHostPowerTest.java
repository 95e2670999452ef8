package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.TestPools;
import org.xcpbalancer.simulator.model.PlacementModel;
import org.xcpbalancer.simulator.model.SimHost;

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

    /**
     * A host coming back while other threads change it (a boot's timer and host.enable, as DensityEndToEndTest met
     * on a loaded machine): both announcements found it not listening and bound its address, and the XAPI caller
     * got INTERNAL_ERROR "cannot listen on 127.0.0.3: Address already in use". Now no change fails and it answers.
     */
    @Test
    void aHostChangedFromSeveralThreadsAsItComesBackAnswersAndNoChangeFails() throws Exception {
        SimHost c = simulator.model().hostByName("C");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                simulator.admin().killHost("C");
                eventually(() -> refused("127.0.0.3"));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> changes = new ArrayList<>();
                changes.add(threads.submit(() -> {
                    go.await();
                    simulator.admin().reviveHost("C");
                    return null;
                }));
                for (int thread = 0; thread < 3; thread++) {
                    changes.add(threads.submit(() -> {
                        go.await();
                        for (int i = 0; i < 50; i++) {
                            simulator.model().setHostEnabled(c, true); // what host.enable does once allowed
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> change : changes) {
                    change.get(30, TimeUnit.SECONDS);
                }
                assertThat(refused("127.0.0.3")).as("C answers again (round %d)", round).isFalse();
            }
        } finally {
            threads.shutdownNow();
        }
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

    @Test
    void evacuationPlanAndEvacuate() throws Exception {
        Host a = host("A");
        Host b = host("B");
        Host c = host("C");
        VM web = vm("web");
        a.disable(connection);
        c.disable(connection);
        assertThat(b.getVmsWhichPreventEvacuation(connection))
                .containsExactly(Map.entry(web, Set.of("NO_HOSTS_AVAILABLE", ref(web))));
        assertError(() -> b.assertCanEvacuate(connection), "CANNOT_EVACUATE_HOST", "NO_HOSTS_AVAILABLE," + ref(web));
        c.enable(connection);
        assertThat(b.getVmsWhichPreventEvacuation(connection)).isEmpty();
        b.assertCanEvacuate(connection);
        Thread evacuation = new Thread(() -> call(() -> {
            b.evacuate(connection);
            return true;
        }));
        evacuation.start();
        while (evacuation.isAlive()) {
            advance(Duration.ofSeconds(1));
            evacuation.join(50);
        }
        assertThat(web.getResidentOn(connection)).isEqualTo(c);
        assertThat(b.getResidentVMs(connection)).containsExactly(b.getControlDomain(connection));
    }

    @Test
    void disableIsRefusedWhenItWouldBreakTheHaPlan() throws Exception {
        // TestPools.PLACEMENT_POOL: without C, db1 (A) and db2 (B) could not restart on each other's host.
        try (RunningSimulator placement = SimulatorServer.start(TestPools.placement(), SimulatorOptions.defaults())) {
            Connection session = SdkSupport.login(placement.masterUrl());
            Host c = Host.getByNameLabel(session, "C").iterator().next();
            assertError(() -> c.disable(session), "HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN");
            assertThat(c.getEnabled(session)).isTrue();
            placement.admin().setHa(new PlacementModel.HaSettings(true, 1, true));
            c.disable(session);
            assertThat(c.getEnabled(session)).isFalse();
        }
    }
}
