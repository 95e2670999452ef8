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
 * violations labelled with the pool's name in the service, and the service's own pools and leases; and the
 * guard's series of every pool it guards.
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

    /**
     * Issue 15: both pools guarded every second export the series xcp-guard exports, labelled with the pool's name
     * in the service; the actions of the pool whose host died are counted under that pool only.
     */
    @Test
    void everyGuardedPoolsGuardSeriesAreScrapedWithItsPool(TestDatabase db) throws Exception {
        ServiceRunTest.wipe(db.database());
        db.database().dsl().execute("DELETE FROM GuardAction; DELETE FROM GuardVm; DELETE FROM GuardHost; DELETE FROM GuardPool");
        Path poolsDir = Files.createDirectories(dir.resolve("pools.d"));
        for (String name : POOLS) {
            RunningSimulator simulator = SimulatedPools.startGuarded("Pool " + name);
            simulators.add(simulator);
            Path fence = SimulatedPools.fenceScript(Files.createDirectories(dir.resolve(name)), simulator);
            SimulatedPools.poolFile(poolsDir, name, simulator, "1m", "1m",
                    "service.guardInterval=1s\nguard.deadChecks=2\nguard.fenceCommand=" + fence + " {host}\n");
        }
        int port = PrometheusScrape.freePort();
        service = ChildProgram.start(ServiceMain.class, dir.resolve("service.log"), "--settings",
                settings(db.databaseSettings(), port).toString());

        String scraped = PrometheusScrape.until(port, Duration.ofSeconds(90), service,
                text -> POOLS.stream().allMatch(pool -> guardChecks(text, pool) >= 2));
        for (String pool : POOLS) {
            String label = "pool=\"" + pool + "\"";
            assertThat(value(scraped, "xcp_guard_hosts{" + label + ",state=\"up\"}")).as(pool).isEqualTo(3.0);
            assertThat(value(scraped, "xcp_guard_protected_vms{" + label + ",state=\"running\"}")).as(pool)
                    .isEqualTo(2.0);
            assertThat(value(scraped, "xcp_guard_protected_vms{" + label + ",state=\"down\"}")).as(pool).isZero();
            assertThat(value(scraped, "xcp_guard_last_check_age_seconds{" + label + "}")).as(pool).isBetween(0.0, 10.0);
        }
        double betaChecks = guardChecks(scraped, "beta");

        simulators.get(1).admin().killHost("C");
        String acted = PrometheusScrape.until(port, Duration.ofSeconds(90), service, text ->
                PrometheusScrape.has(text, "xcp_guard_actions_total{action=\"start_on\",outcome=\"done\",pool=\"beta\"}")
                        && value(text, "xcp_guard_protected_vms{pool=\"beta\",state=\"running\"}") == 2.0);

        assertThat(value(acted, "xcp_guard_actions_total{action=\"fence\",outcome=\"done\",pool=\"beta\"}"))
                .isEqualTo(1.0);
        assertThat(value(acted, "xcp_guard_actions_total{action=\"start_on\",outcome=\"done\",pool=\"beta\"}"))
                .as("db restarted once").isEqualTo(1.0);
        assertThat(value(acted, "xcp_guard_hosts{pool=\"beta\",state=\"up\"}")).isEqualTo(2.0);
        assertThat(guardChecks(acted, "beta")).as("checks go on").isGreaterThan(betaChecks);
        assertThat(value(acted, "xcp_guard_hosts{pool=\"alpha\",state=\"up\"}")).isEqualTo(3.0);
        assertThat(acted).as("alpha's hosts are alive: no action of beta counted under alpha")
                .doesNotContainPattern("(?m)^xcp_guard_actions_total\\{[^}]*pool=\"alpha\"");
        assertThat(acted).as("no guard series without its pool").doesNotContainPattern("(?m)^xcp_guard_\\w+(\\{"
                + "(action|outcome|state)=\"\\w+\"(,outcome=\"\\w+\")?\\})? ");
    }

    private static double guardChecks(String scraped, String pool) {
        String series = "xcp_guard_checks_total{outcome=\"ok\",pool=\"" + pool + "\"}";
        return PrometheusScrape.has(scraped, series) ? value(scraped, series) : 0;
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
