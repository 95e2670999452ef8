package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.testkit.PrometheusScrape.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.PrometheusScrape;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 11: xcp-control's metrics: the --metrics-file of a one-shot run, and the endpoint of --interval with
 * metrics.listen, scraped over HTTP as Prometheus would: runs and migrations by outcome, violations, hosts.
 */
@ExtendWith(MariaDbExtension.class)
class ControlMetricsTest {
    @RegisterExtension
    final XcpControlInProcess control = new XcpControlInProcess();

    @Test
    void aRunThatMigratesWritesItsMetricsFile(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);
            Path file = control.dir().resolve("xcp-control.prom");
            int code = control.run("--settings", control.settings(pool).toString(), "--metrics-file", file.toString());
            assertThat(code).as(control.stdout() + control.stderr()).isZero();

            String text = Files.readString(file);
            assertThat(value(text, "xcp_control_runs_total{outcome=\"migrated\"}")).isEqualTo(1.0);
            assertThat(value(text, "xcp_migrations_total{outcome=\"succeeded\"}")).isEqualTo(1.0);
            assertThat(value(text, "xcp_rule_violations{pool=\"Main Pool\"}")).as("Host2 breaks the rule").isEqualTo(1.0);
            assertThat(value(text, "xcp_host_cpu_percent{host=\"Host2\",pool=\"Main Pool\"}")).isEqualTo(host2Cpu(pool));
        }
    }

    @Test
    void theServiceServesItsRunsAndMigrationsOnMetricsListen(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);
            int port = PrometheusScrape.freePort();
            Path settings = control.settings(pool, "metrics.listen=127.0.0.1:" + port);
            int[] code = {-1};
            Thread service = new Thread(() -> code[0] = control.run("--settings", settings.toString(), "--interval", "1s"));
            service.start();
            try {
                // a scrape may fall between a run's updates of the gauges: wait for all the series this checks
                String scraped = PrometheusScrape.until(port, Duration.ofSeconds(60), null,
                        text -> PrometheusScrape.has(text, "xcp_migrations_total{outcome=\"succeeded\"}")
                                && PrometheusScrape.has(text, "xcp_control_runs_total{outcome=\"migrated\"}")
                                && PrometheusScrape.has(text, "xcp_rule_violations{pool=\"Main Pool\"}")
                                && PrometheusScrape.has(text, "xcp_host_cpu_percent{host=\"Host2\",pool=\"Main Pool\"}"));
                assertThat(value(scraped, "xcp_migrations_total{outcome=\"succeeded\"}")).isEqualTo(1.0);
                assertThat(value(scraped, "xcp_control_runs_total{outcome=\"migrated\"}")).isEqualTo(1.0);
                assertThat(value(scraped, "xcp_rule_violations{pool=\"Main Pool\"}")).isEqualTo(1.0);
                assertThat(value(scraped, "xcp_host_cpu_percent{host=\"Host2\",pool=\"Main Pool\"}"))
                        .isEqualTo(host2Cpu(pool));
                assertThat(value(scraped, "xcp_data_age_seconds{pool=\"Main Pool\"}")).isBetween(0.0, 120.0);
            } finally {
                service.interrupt();
                service.join(30_000);
            }
            assertThat(code[0]).as(control.stdout() + control.stderr()).isZero();
        }
    }

    private static double host2Cpu(ControlledPool pool) {
        return pool.database.dsl().select(HOST.CpuAverage).from(HOST).where(HOST.Name.eq("Host2")).fetchSingle().value1();
    }
}
