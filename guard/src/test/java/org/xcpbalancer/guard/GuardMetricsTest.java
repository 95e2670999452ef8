package org.xcpbalancer.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.testkit.PrometheusScrape.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.PrometheusScrape;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * xcp-guard's Prometheus series, read from the textfile of a real one-shot run (what node_exporter would serve) on
 * the 4-host pool where the protected VM web has just crashed: the check, the hosts by state, the protected VMs
 * running and down as the check found them, the action the ladder took, and the age of the check; and scraped from
 * the service's metrics.listen endpoint, as Prometheus would.
 */
@ExtendWith(MariaDbExtension.class)
class GuardMetricsTest {
    @TempDir
    Path dir;

    @Test
    void aOneShotCheckWritesTheGuardsSeries(TestDatabase db) throws Exception {
        try (GuardedPool pool = new GuardedPool(HostDeathTest.POOL, db)) {
            pool.simulator.admin().crashVm("web");
            Path metrics = dir.resolve("xcp-guard.prom");

            ChildProgram.Result run = ChildProgram.run(dir, GuardMain.class, Duration.ofSeconds(60), "--settings",
                    GuardCommandTest.settings(dir, pool, db).toString(), "--metrics-file", metrics.toString());

            assertThat(run.exitCode()).as(run.all()).isZero();
            List<String> series = Files.readAllLines(metrics).stream().filter(l -> !l.startsWith("#")).toList();
            assertThat(series).contains("xcp_guard_checks_total{outcome=\"ok\"} 1.0",
                    "xcp_guard_hosts{pool=\"Guarded\",state=\"up\"} 4.0",
                    "xcp_guard_protected_vms{pool=\"Guarded\",state=\"running\"} 3.0",
                    "xcp_guard_protected_vms{pool=\"Guarded\",state=\"down\"} 1.0");
            assertThat(series).as(run.all()).anyMatch(l -> l.matches(
                    "xcp_guard_actions_total\\{action=\"start_on\",outcome=\"done\"} 1\\.0"));
            assertThat(series).anyMatch(l -> l.matches("xcp_guard_last_check_age_seconds\\{pool=\"Guarded\"} \\d+\\.\\d+"));
            assertThat(series).noneMatch(l -> l.startsWith("xcp_guard_checks_total{outcome=\"failed\"}"));
        }
    }

    @Test
    void theServiceServesTheSeriesOnMetricsListen(TestDatabase db) throws Exception {
        int port = PrometheusScrape.freePort();
        try (GuardedPool pool = new GuardedPool(HostDeathTest.POOL, db)) {
            Path settings = GuardCommandTest.settings(dir, pool, db);
            Files.writeString(settings, "metrics.listen=127.0.0.1:" + port + "\n", StandardOpenOption.APPEND);
            Process guard = ChildProgram.start(GuardMain.class, dir.resolve("guard.log"), "--settings",
                    settings.toString(), "--interval", "1s");
            try {
                String scraped = PrometheusScrape.until(port, Duration.ofSeconds(90), guard,
                        text -> PrometheusScrape.has(text, "xcp_guard_checks_total{outcome=\"ok\"}")
                                && value(text, "xcp_guard_checks_total{outcome=\"ok\"}") >= 2);

                assertThat(value(scraped, "xcp_guard_hosts{pool=\"Guarded\",state=\"up\"}")).isEqualTo(4.0);
                assertThat(value(scraped, "xcp_guard_protected_vms{pool=\"Guarded\",state=\"running\"}"))
                        .isEqualTo(4.0);
                assertThat(value(scraped, "xcp_guard_protected_vms{pool=\"Guarded\",state=\"down\"}")).isZero();
                assertThat(value(scraped, "xcp_guard_last_check_age_seconds{pool=\"Guarded\"}")).isBetween(0.0, 10.0);
            } finally {
                guard.destroy();
                guard.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }
}
