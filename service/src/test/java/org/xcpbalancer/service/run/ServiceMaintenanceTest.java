package org.xcpbalancer.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.service.SimulatedPools;
import org.xcpbalancer.service.pools.PoolDirectory;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The console only records EVACUATE HOST; xcp-service, the pool's owner, carries it out in its control loop: the
 * host ends disabled and empty, and a later ENABLE HOST is carried out the same way.
 */
@ExtendWith(MariaDbExtension.class)
class ServiceMaintenanceTest {
    @TempDir
    Path poolsDir;

    private RunningSimulator simulator;
    private ServiceRuntime runtime;
    private Database database;
    private Database leaseDatabase;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (database != null) {
            database.close();
            leaseDatabase.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what + "\n--- service output:\n"
                        + printed.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
    }

    @Test
    void theServiceCarriesOutWhatTheConsoleRecorded(TestDatabase db) throws Exception {
        ServiceRunTest.wipe(db.database());
        simulator = SimulatedPools.start("paper-unbalanced", "Pool maint", 20);
        SimulatedPools.poolFile(poolsDir, "maint", simulator, "1s", "1s", "");
        DatabaseSettings base = db.databaseSettings();
        database = Database.open(new DatabaseSettings(base.jdbcUrl(), base.username(), base.password(), 8,
                base.connectTimeout()));
        leaseDatabase = Database.connect(new DatabaseSettings(base.jdbcUrl(), base.username(), base.password(), 2,
                base.connectTimeout()));
        runtime = new ServiceRuntime(database, leaseDatabase, new PoolDirectory(poolsDir, new SettingsLoader(Map.of()),
                out::println), "svc", "test", ServiceRunTest.TIMING, out);
        runtime.start();
        PoolStateRepository pools = new PoolStateRepository(db.database());
        await("the pool collected", Duration.ofSeconds(30), () -> !pools.pools().isEmpty());
        PoolRef pool = pools.pools().get(0);
        SimHost host2 = simulator.model().hostByName("Host2");
        HostMaintenanceRepository records = new HostMaintenanceRepository(db.database());

        records.request(pool.id(), host2.uuid(), "Host2", HostMaintenance.DisabledBy.EVACUATE, Optional.of("new RAM"),
                "alice (xcp-manager)", Instant.now());

        await("Host2 empty", Duration.ofSeconds(60), () -> records.find(pool.id(), host2.uuid())
                .map(m -> m.state() == HostMaintenance.State.EMPTY).orElse(false));
        assertThat(host2.enabled()).isFalse();
        assertThat(simulator.model().residentVms(host2)).noneMatch(vm -> vm.isGuest());

        records.requestEnable(pool.id(), host2.uuid(), "Host2", "alice (xcp-manager)", Instant.now());
        await("Host2 enabled again", Duration.ofSeconds(30), host2::enabled);
        // The record is ended after host.enable returns, so the simulator may say enabled a moment before it.
        await("the maintenance ended", Duration.ofSeconds(10), () -> records.find(pool.id(), host2.uuid()).orElseThrow()
                .state() == HostMaintenance.State.ENDED);
    }
}
