package org.xcpbalancer.service.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.testkit.PrometheusScrape.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.service.ServiceMain;
import org.xcpbalancer.service.SimulatedPools;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.PrometheusScrape;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 11: a real xcp-service (its own JVM, as bin/xcp-service runs it) serving two pools, scraped on
 * metrics.listen as Prometheus would: every pool's collections, control runs, migrations, hosts and rule
 * violations labelled with the pool's name in the service, and the service's own pools and leases.
 */
@ExtendWith(MariaDbExtension.class)
class ServiceMetricsTest {
    private static final List<String> POOLS = List.of("alpha", "beta");

    @TempDir
    Path dir;

    private final List<RunningSimulator> simulators = new ArrayList<>();
    private Process service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor(60, TimeUnit.SECONDS);
        }
        simulators.forEach(RunningSimulator::close);
    }

    @Test
    void everyPoolsSeriesAndTheLeasesAreScrapedPerPool(TestDatabase db) throws Exception {
        Database database = db.database();
        ServiceRunTest.wipe(database);
        Path poolsDir = Files.createDirectories(dir.resolve("pools.d"));
        for (String name : POOLS) {
            RunningSimulator simulator = SimulatedPools.start("paper-unbalanced", "Pool " + name, 20);
            simulators.add(simulator);
            SimulatedPools.poolFile(poolsDir, name, simulator, "1s", "1s", "");
        }
        int port = PrometheusScrape.freePort();
        service = ChildProgram.start(ServiceMain.class, dir.resolve("service.log"), "--settings",
                settings(db.databaseSettings(), port).toString());

        PrometheusScrape.until(port, Duration.ofSeconds(60), service, text -> POOLS.stream().allMatch(pool ->
                PrometheusScrape.has(text, "xcp_host_cpu_percent{host=\"Host2\",pool=\"" + pool + "\"}")));
        for (PoolRef pool : new PoolStateRepository(database).pools()) {
            new RuleRepository(database).save(pool.id(), new HostRule(RuleSubject.CpuAverage, 25));
        }
        String scraped = PrometheusScrape.until(port, Duration.ofSeconds(90), service, text -> POOLS.stream()
                .allMatch(pool -> PrometheusScrape.has(text, "xcp_migrations_total{outcome=\"succeeded\",pool=\""
                        + pool + "\"}")));

        assertThat(value(scraped, "xcp_service_pools_owned")).isEqualTo(2.0);
        for (String pool : POOLS) {
            String label = "pool=\"" + pool + "\"";
            assertThat(value(scraped, "xcp_service_lease_epoch{" + label + "}")).as(pool)
                    .isEqualTo(database.dsl().fetchOne("SELECT Epoch FROM PoolLease WHERE PoolName = ?", pool)
                            .get(0, Double.class));
            assertThat(value(scraped, "xcp_service_lease_renewals_total{" + label + "}")).as(pool).isPositive();
            assertThat(value(scraped, "xcp_collection_runs_total{outcome=\"success\"," + label + "}")).as(pool)
                    .isGreaterThanOrEqualTo(2.0);
            assertThat(value(scraped, "xcp_collection_duration_seconds{" + label + "}")).as(pool).isPositive();
            assertThat(value(scraped, "xcp_collection_xapi_requests{" + label + "}")).as(pool).isPositive();
            assertThat(value(scraped, "xcp_migrations_total{outcome=\"succeeded\"," + label + "}")).as(pool)
                    .isEqualTo(1.0);
            assertThat(value(scraped, "xcp_control_runs_total{outcome=\"migrated\"," + label + "}")).as(pool)
                    .isEqualTo(1.0);
            assertThat(value(scraped, "xcp_data_age_seconds{" + label + "}")).as(pool).isBetween(0.0, 30.0);
            assertThat(value(scraped, "xcp_host_memory_used_percent{host=\"Host1\"," + label + "}")).as(pool)
                    .isBetween(0.0, 100.0);
            double host1Cpu = database.dsl().select(HOST.CpuAverage).from(HOST).join(POOL).on(POOL.Id.eq(HOST.PoolId))
                    .where(POOL.Name.eq("Pool " + pool), HOST.Name.eq("Host1")).fetchSingle(HOST.CpuAverage);
            assertThat(value(scraped, "xcp_host_cpu_percent{host=\"Host1\"," + label + "}")).as(pool)
                    .isCloseTo(host1Cpu, within(20.0));
        }
        assertThat(scraped).as("no run series without its pool")
                .doesNotContainPattern("(?m)^xcp_(collection|control|migrations)_\\w+(\\{outcome=\"\\w+\"\\})? ");
    }

    private Path settings(DatabaseSettings database, int port) throws Exception {
        Path file = dir.resolve("service.properties");
        Files.writeString(file, "db.url=" + database.jdbcUrl() + "\ndb.username=" + database.username() + "\n"
                + "db.password=" + database.password().reveal() + "\nservice.leaseRenewal=2s\n"
                + "metrics.listen=127.0.0.1:" + port + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
