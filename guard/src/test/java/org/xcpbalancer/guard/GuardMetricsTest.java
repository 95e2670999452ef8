package org.xcpbalancer.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.testkit.ChildProgram;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * xcp-guard's Prometheus series, read from the textfile of a real one-shot run (what node_exporter would serve) on
 * the 4-host pool where the protected VM web has just crashed: the check, the hosts by state, the protected VMs
 * running and down as the check found them, the action the ladder took, and the age of the check.
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
}
