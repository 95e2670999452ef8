package org.xcpbalancer.service.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.testkit.PrometheusScrape.has;
import static org.xcpbalancer.testkit.PrometheusScrape.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.service.ServiceMain;
import org.xcpbalancer.service.SimulatedPools;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.PrometheusScrape;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 15 and 11: a real xcp-service (its own JVM) guarding two pools exports the series xcp-guard exports, each
 * labelled with the pool's name in the service: the checks, the hosts by state, the protected VMs, the age of the
 * last check, and the actions of the pool whose host died under that pool only.
 */
@ExtendWith(MariaDbExtension.class)
class ServiceGuardMetricsTest {
    /** Two protected VMs (db by ha_restart_priority, web best-effort) and one that is not. */
    private static final String SCENARIO = """
            {"pool": "%s",
             "hosts": [{"name": "A", "cpus": 8, "memoryMb": 8192, "master": true},
                       {"name": "B", "cpus": 8, "memoryMb": 8192},
                       {"name": "C", "cpus": 8, "memoryMb": 8192}],
             "vms": [{"name": "db", "host": "C", "vcpus": 2, "memoryMb": 2048, "haRestartPriority": "restart"},
                     {"name": "web", "host": "B", "vcpus": 1, "memoryMb": 1024, "haRestartPriority": "best-effort"},
                     {"name": "scratch", "host": "C", "vcpus": 1, "memoryMb": 512}]}
            """;

    @TempDir
    Path dir;

    private final Map<String, RunningSimulator> simulators = new LinkedHashMap<>();
    private Process service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor(60, TimeUnit.SECONDS);
        }
        simulators.values().forEach(RunningSimulator::close);
    }

    @Test
    void everyGuardedPoolsGuardSeriesAreScrapedWithItsPool(TestDatabase db) throws Exception {
        ServiceRunTest.wipe(db.database());
        db.database().dsl().execute("DELETE FROM GuardAction; DELETE FROM GuardVm; DELETE FROM GuardHost; DELETE FROM GuardPool");
        Path poolsDir = Files.createDirectories(dir.resolve("pools.d"));
        for (String name : List.of("alpha", "beta")) {
            RunningSimulator simulator = SimulatorServer.start(ScenarioLoader.parse(SCENARIO.formatted("Pool " + name),
                    name), SimulatorOptions.defaults().withSpeed(20));
            simulators.put(name, simulator);
            Path fence = SimulatedPools.fenceScript(Files.createDirectories(dir.resolve(name)), simulator);
            SimulatedPools.poolFile(poolsDir, name, simulator, "1m", "1m",
                    "service.guardInterval=1s\nguard.deadChecks=2\nguard.fenceCommand=" + fence + " {host}\n");
        }
        int port = PrometheusScrape.freePort();
        Path settings = dir.resolve("service.properties");
        Files.writeString(settings, "db.url=" + db.databaseSettings().jdbcUrl() + "\ndb.username="
                + db.databaseSettings().username() + "\ndb.password=" + db.databaseSettings().password().reveal()
                + "\nservice.leaseRenewal=2s\nmetrics.listen=127.0.0.1:" + port + "\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
        service = ChildProgram.start(ServiceMain.class, dir.resolve("service.log"), "--settings", settings.toString());

        String scraped = PrometheusScrape.until(port, Duration.ofSeconds(90), service, text -> simulators.keySet()
                .stream().allMatch(pool -> checks(text, pool) >= 2));
        for (String pool : simulators.keySet()) {
            String label = "pool=\"" + pool + "\"";
            assertThat(value(scraped, "xcp_guard_hosts{" + label + ",state=\"up\"}")).as(pool).isEqualTo(3.0);
            assertThat(value(scraped, "xcp_guard_protected_vms{" + label + ",state=\"running\"}")).as(pool)
                    .isEqualTo(2.0);
            assertThat(value(scraped, "xcp_guard_protected_vms{" + label + ",state=\"down\"}")).as(pool).isZero();
            assertThat(value(scraped, "xcp_guard_last_check_age_seconds{" + label + "}")).as(pool).isBetween(0.0, 10.0);
        }
        double betaChecks = checks(scraped, "beta");

        simulators.get("beta").admin().killHost("C");
        String acted = PrometheusScrape.until(port, Duration.ofSeconds(90), service, text ->
                has(text, "xcp_guard_actions_total{action=\"start_on\",outcome=\"done\",pool=\"beta\"}")
                        && value(text, "xcp_guard_protected_vms{pool=\"beta\",state=\"running\"}") == 2.0);

        assertThat(value(acted, "xcp_guard_actions_total{action=\"fence\",outcome=\"done\",pool=\"beta\"}"))
                .isEqualTo(1.0);
        assertThat(value(acted, "xcp_guard_actions_total{action=\"start_on\",outcome=\"done\",pool=\"beta\"}"))
                .as("db restarted once").isEqualTo(1.0);
        assertThat(value(acted, "xcp_guard_hosts{pool=\"beta\",state=\"up\"}")).isEqualTo(2.0);
        assertThat(checks(acted, "beta")).as("checks go on").isGreaterThan(betaChecks);
        assertThat(value(acted, "xcp_guard_hosts{pool=\"alpha\",state=\"up\"}")).isEqualTo(3.0);
        assertThat(acted).as("alpha's host is alive: no action of beta counted under alpha")
                .doesNotContainPattern("(?m)^xcp_guard_actions_total\\{[^}]*pool=\"alpha\"");
        assertThat(acted).as("no guard series without its pool").doesNotContainPattern("(?m)^xcp_guard_\\w+(\\{"
                + "(action|outcome|state)=\"\\w+\"(,outcome=\"\\w+\")?\\})? ");
    }

    private static double checks(String scraped, String pool) {
        String series = "xcp_guard_checks_total{outcome=\"ok\",pool=\"" + pool + "\"}";
        return has(scraped, series) ? value(scraped, series) : 0;
    }
}
