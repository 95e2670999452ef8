package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** Issue 11: xcp-control --metrics-file writes the run's outcome, its migrations and the violations seen. */
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
            assertThat(value(text, "xcp_host_cpu_percent{host=\"Host2\",pool=\"Main Pool\"}"))
                    .isEqualTo(pool.database.dsl().select(org.xcpbalancer.core.db.generated.Tables.HOST.CpuAverage)
                            .from(org.xcpbalancer.core.db.generated.Tables.HOST)
                            .where(org.xcpbalancer.core.db.generated.Tables.HOST.Name.eq("Host2")).fetchSingle().value1());
        }
    }

    private static double value(String exposition, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        assertThat(line.find()).as(series + " in\n" + exposition).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
