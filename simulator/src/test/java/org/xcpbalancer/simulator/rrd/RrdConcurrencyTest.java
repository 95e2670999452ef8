package org.xcpbalancer.simulator.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/** Readers of every kind and a migrating writer at once, on a fast clock: every answer stays whole. */
class RrdConcurrencyTest {

    @Test
    void readersNeverSeeAHalfMovedPool() throws Exception {
        SimulatedPool simulated = SimulatedPool.create(ScenarioLoader.builtin("paper-unbalanced"),
                SimClock.scaled(500), 1);
        PoolModel model = simulated.model();
        RrdUpdatesRenderer renderer = new RrdUpdatesRenderer(simulated.rrd());
        SimHost host1 = model.hostByName("Host1");
        SimHost host2 = model.hostByName("Host2");
        SimVm vm3 = model.vmByName("VM3 - Ubuntu");
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch go = new CountDownLatch(1);
        try {
            Future<?> writer = pool.submit(() -> {
                await(go);
                for (int i = 0; i < 100; i++) {
                    try {
                        SimHost dest = vm3.residentOn() == host1 ? host2 : host1;
                        model.reserveMemory(dest, vm3);
                        model.addMigrationTraffic(vm3.residentOn(), dest, 1e8);
                        model.removeMigrationTraffic(vm3.residentOn(), dest, 1e8);
                        model.moveVm(vm3, dest);
                        model.setVmCpuDemand(model.vmByName("VM1 - Debian"), (i % 10) / 10.0);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                readers.add(pool.submit(() -> {
                    await(go);
                    for (int i = 0; i < 100; i++) {
                        try {
                            SimHost host = i % 2 == 0 ? host1 : host2;
                            long start = model.clock().now().getEpochSecond() - 300;
                            RrdXport xport = RrdXport.parse(renderer.xml(host, start, 5, true, null));
                            assertThat(xport.columns()).isEqualTo(xport.legend().size());
                            assertThat(xport.values()).allSatisfy(row -> assertThat(row).hasSize(xport.columns()));
                            assertThat(simulated.rrd().latestValue(host.uuid(), "cpu_avg")).isBetween(0.0, 1.0);
                            assertThat(model.hostFreeMemoryBytes(host)).isPositive();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            go.countDown();
            writer.get(2, TimeUnit.MINUTES);
            for (Future<?> reader : readers) {
                reader.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(model.residentVms(host1).size() + model.residentVms(host2).size()).isEqualTo(5);
        assertThat(model.reservations(host1)).isEmpty();
        assertThat(model.reservations(host2)).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
