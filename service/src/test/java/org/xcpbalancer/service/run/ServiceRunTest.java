package org.xcpbalancer.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.service.lease.LeaseTiming;
import org.xcpbalancer.service.pools.PoolDirectory;
import org.xcpbalancer.service.SimulatedPools;
import org.xcpbalancer.simulator.RunningSimulator;

/**
 * The service end to end in one JVM: several simulated pools, a real MariaDB, two instances sharing the pools
 * through leases; every pool collected and controlled, the pools handed over when an instance stops, and pool
 * files added or removed picked up while running.
 */
@ExtendWith(MariaDbExtension.class)
class ServiceRunTest {
    static final LeaseTiming TIMING = new LeaseTiming(Duration.ofSeconds(2));

    @TempDir
    Path poolsDir;

    private final List<RunningSimulator> simulators = new ArrayList<>();
    private final List<ServiceRuntime> runtimes = new ArrayList<>();
    private final List<Database> databases = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @AfterEach
    void stopAll() {
        runtimes.forEach(ServiceRuntime::close);
        databases.forEach(Database::close);
        simulators.forEach(RunningSimulator::close);
    }

    private void poolFile(String name) throws Exception {
        RunningSimulator simulator = SimulatedPools.start("paper-unbalanced", "Pool " + name, 20);
        simulators.add(simulator);
        SimulatedPools.poolFile(poolsDir, name, simulator, "1s", "1s", "");
    }

    /** The test class shares one database: each test starts from empty tables. */
    static void wipe(Database database) {
        database.transaction(dsl -> {
            for (String table : List.of("Migration", "ControlRun", "HostSample", "VmSample", "CollectionRun", "Pool",
                    "ServiceInstance", "PoolLease", "PoolLeaseGrant")) {
                dsl.execute("DELETE FROM " + table);
            }
        });
    }

    private ServiceRuntime start(TestDatabase db, String instance) {
        DatabaseSettings base = db.databaseSettings();
        Database database = Database.open(new DatabaseSettings(base.jdbcUrl(), base.username(), base.password(), 16,
                base.connectTimeout()));
        Database leaseDatabase = Database.connect(new DatabaseSettings(base.jdbcUrl(), base.username(), base.password(), 2,
                base.connectTimeout()));
        databases.add(database);
        databases.add(leaseDatabase);
        ServiceRuntime runtime = new ServiceRuntime(database, leaseDatabase,
                new PoolDirectory(poolsDir, new SettingsLoader(Map.of()), out::println), instance, "test", TIMING, out);
        runtime.start();
        runtimes.add(runtime);
        return runtime;
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

    private static int count(Database database, String sql, Object... bindings) {
        return database.dsl().fetchOne(sql, bindings).get(0, Integer.class);
    }

    @Test
    void twoInstancesShareCollectAndControlThePoolsAndHandThemOverOnStop(TestDatabase db) throws Exception {
        Database database = db.database();
        wipe(database);
        for (int i = 1; i <= 3; i++) {
            poolFile("pool" + i);
        }
        ServiceRuntime a = start(db, "a");
        ServiceRuntime b = start(db, "b");

        await("3 pools collected twice or more", Duration.ofSeconds(30), () -> count(database,
                "SELECT COUNT(*) FROM (SELECT PoolId FROM CollectionRun GROUP BY PoolId HAVING COUNT(*) >= 2) c") == 3);
        await("the pools shared 2 + 1", Duration.ofSeconds(10), () -> a.working().size() + b.working().size() == 3
                && a.working().size() <= 2 && b.working().size() <= 2);
        assertThat(count(database, "SELECT COUNT(*) FROM PoolLease WHERE PoolUuid IS NOT NULL")).as("uuids recorded").isEqualTo(3);

        List<PoolRef> pools = new PoolStateRepository(database).pools();
        assertThat(pools).hasSize(3);
        pools.forEach(pool -> new RuleRepository(database).save(pool.id(), new HostRule(RuleSubject.CpuAverage, 25)));
        await("one migration succeeded in every pool", Duration.ofSeconds(60), () -> count(database,
                "SELECT COUNT(DISTINCT PoolId) FROM Migration WHERE State = 'succeeded'") == 3);
        // Every launch carries the epoch of the lease its pool had then (nobody lost a lease in this test).
        assertThat(count(database, "SELECT COUNT(*) FROM Migration m JOIN PoolLease l ON l.PoolUuid = "
                + "(SELECT UUID FROM Pool WHERE Id = m.PoolId) WHERE m.LaunchedAt IS NOT NULL AND m.LeaseEpoch = l.Epoch"))
                .isEqualTo(count(database, "SELECT COUNT(*) FROM Migration WHERE LaunchedAt IS NOT NULL"));

        a.close();
        runtimes.remove(a);
        await("b works on all 3 pools", TIMING.renewal().multipliedBy(2), () -> b.working().size() == 3);
        int runsBefore = count(database, "SELECT COUNT(*) FROM CollectionRun");
        await("b collects all 3", Duration.ofSeconds(10), () -> count(database,
                "SELECT COUNT(DISTINCT PoolId) FROM CollectionRun WHERE Id > ?", runsBefore) == 3);
        Thread.sleep(2000);
        assertThat(count(database, "SELECT COUNT(*) FROM Migration WHERE State = 'succeeded'"))
                .as("one move per pool, none repeated by the new owner").isEqualTo(3);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("instance a stopped; its pools are free for the others");
    }

    @Test
    void poolFilesAddedOrRemovedArePickedUpWithoutARestart(TestDatabase db) throws Exception {
        Database database = db.database();
        wipe(database);
        poolFile("first");
        ServiceRuntime service = start(db, "solo");
        await("first collected", Duration.ofSeconds(20), () -> count(database, "SELECT COUNT(*) FROM CollectionRun") > 0);

        poolFile("second");
        await("second served", Duration.ofSeconds(20), () -> service.working().equals(List.of("first", "second")));
        await("both collected", Duration.ofSeconds(20),
                () -> count(database, "SELECT COUNT(DISTINCT PoolId) FROM CollectionRun") == 2);

        Files.delete(poolsDir.resolve("first.properties"));
        await("first given up", Duration.ofSeconds(20), () -> service.working().equals(List.of("second")));
        // The worker stops before the lease row is written free (work never outlives the lease), so wait for the row.
        await("first's lease row freed", Duration.ofSeconds(10), () -> count(database,
                "SELECT COUNT(*) FROM PoolLease WHERE PoolName = 'first' AND Owner IS NULL") == 1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[first] lease given up (pool file removed)");

        Files.writeString(poolsDir.resolve("broken.properties"), "xapi.url=not a url\n");
        await("the broken file reported", Duration.ofSeconds(10),
                () -> printed.toString(StandardCharsets.UTF_8).contains("broken.properties"));
        assertThat(service.working()).containsExactly("second");
    }
}
