package org.xcpbalancer.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.service.SimulatedPools;
import org.xcpbalancer.service.pools.PoolDirectory;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * xcp-service guards a pool whose file sets service.guardInterval (issue 12 and 15): a host dies, the service's
 * guard fences it and restarts its protected VM elsewhere, each action written under the instance's name.
 */
@ExtendWith(MariaDbExtension.class)
class ServiceGuardTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private RunningSimulator simulator;
    private ServiceRuntime runtime;
    private Database database;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (database != null) {
            database.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void theServiceGuardsAPoolWhoseFileAsksForItAndActsUnderItsLease(TestDatabase db) throws Exception {
        ServiceRunTest.wipe(db.database());
        db.database().dsl().execute("DELETE FROM GuardAction; DELETE FROM GuardVm; DELETE FROM GuardHost; DELETE FROM GuardPool");
        simulator = SimulatedPools.startGuarded("Guarded by the service");
        Path fence = SimulatedPools.fenceScript(dir, simulator);
        Path poolsDir = Files.createDirectories(dir.resolve("pools.d"));
        Files.writeString(poolsDir.resolve("guarded.properties"), "xapi.url=" + simulator.masterUrl()
                + "\nxapi.password=root\nservice.collectInterval=1m\nservice.controlInterval=1m\n"
                + "service.guardInterval=1s\nguard.deadChecks=2\nguard.fenceCommand=" + fence + " {host}\n");
        DatabaseSettings base = db.databaseSettings();
        database = Database.open(new DatabaseSettings(base.jdbcUrl(), base.username(), base.password(), 8,
                base.connectTimeout()));
        runtime = new ServiceRuntime(database, database, new PoolDirectory(poolsDir, new SettingsLoader(Map.of()),
                out::println), "g1", "test", ServiceRunTest.TIMING, out);
        runtime.start();

        await("the guard's first check", () -> count("SELECT COUNT(*) FROM GuardPool WHERE LastCheckOutcome = 'ok'") == 1);
        simulator.admin().killHost("C");
        await("db running again on another host", () -> {
            var vm = simulator.admin().vm("db");
            return vm.powerState() == PowerState.RUNNING && vm.residentOn() != null && !"C".equals(vm.residentOn().name());
        });

        // The guard records and then prints a start once VM.start_on has returned: the VM runs a moment before.
        await("the start recorded and printed", () -> printed.toString(StandardCharsets.UTF_8)
                .contains("xcp-guard: started db on "));
        assertThat(count("SELECT COUNT(*) FROM GuardAction WHERE Action = 'fence' AND Outcome = 'done'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM GuardAction WHERE Action = 'start_on' AND Outcome = 'done'"
                + " AND VmName = 'db' AND Owner = 'xcp-service:g1'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM GuardAction WHERE VmName = 'scratch'")).as("not protected").isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("xcp-guard: started db on ");
    }

    private int count(String sql) {
        return database.dsl().fetchOne(sql).get(0, Integer.class);
    }

    private void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what + "\n--- service output:\n"
                        + printed.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
    }
}
