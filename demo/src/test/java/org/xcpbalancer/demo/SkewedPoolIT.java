package org.xcpbalancer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The 16-host/400-VM pool with three saturated hosts, balanced by the real executables run after one another as
 * cron would run them (the simulator at 10× speed so migrations of large VMs take seconds).
 */
@ExtendWith(MariaDbExtension.class)
class SkewedPoolIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final double THRESHOLD_POINTS = 25;
    private static final int ROUNDS = 8;

    @Test
    void realExecutablesBalanceASkewedPool(TestDatabase db) throws Exception {
        Programs programs = Programs.fromEnvironment();
        try (SimulatorProcess simulator = SimulatorProcess.start(programs,
                programs.home().resolve("simulator/scenarios/pool-16-hosts-400-vms.json"), List.of("--speed", "10"))) {
            Path settings = DemoSettings.write(Path.of("target", "it-skewed", "settings.properties").toAbsolutePath(),
                    simulator.url(), db.jdbcUrl(),
                    "control.hostCooldown=0s\ncontrol.maxMigrationsPerRun=3\ncontrol.maxConcurrentMigrations=2\n");
            List<String> withSettings = List.of("--settings", settings.toString());
            for (int i = 0; i < 3; i++) {
                ok(programs.run("xcp-collect", withSettings, TIMEOUT));
            }
            ok(programs.run("xcp-manager", List.of("--settings", settings.toString(), "-e",
                    "CREATE RULE HOST CpuAverage " + (int) THRESHOLD_POINTS), TIMEOUT));
            PoolState before = state(db);

            for (int round = 0; round < ROUNDS; round++) {
                long migrations = db.database().dsl().fetchCount(MIGRATION);
                ok(programs.run("xcp-control", withSettings, TIMEOUT));
                if (db.database().dsl().fetchCount(MIGRATION) == migrations && round > 0) {
                    break;
                }
                Thread.sleep(2_000); // 20 simulated seconds: the RRDs show the new placement
                ok(programs.run("xcp-collect", withSettings, TIMEOUT));
            }
            PoolState after = state(db);

            var migrations = db.database().dsl().selectFrom(MIGRATION).fetch();
            assertThat(migrations).as("something had to move").isNotEmpty();
            assertThat(migrations).allSatisfy(m -> assertThat(m.getState()).isEqualTo("succeeded"));
            Map<String, Long> movesPerVm = migrations.stream().collect(Collectors.groupingBy(m -> m.getVmUuid(), Collectors.counting()));
            assertThat(movesPerVm.values()).as("no VM moved twice").allMatch(count -> count == 1);
            assertThat(after.hosts()).as("no host overcommitted on memory")
                    .allSatisfy(h -> assertThat(h.memoryFreeMb()).isGreaterThanOrEqualTo(0L));
            assertThat(spread(after)).as("the busiest and idlest hosts are closer than before").isLessThan(spread(before));
            double average = after.hosts().stream().mapToDouble(HostState::cpuAverage).average().orElseThrow();
            assertThat(after.hosts()).as("every host within %s points of the pool average %s", THRESHOLD_POINTS, average)
                    .allSatisfy(h -> assertThat(h.cpuAverage() - average).isLessThanOrEqualTo(THRESHOLD_POINTS));
            String shown = ok(programs.run("xcp-manager", List.of("--settings", settings.toString(), "-e", "SHOW MIGRATIONS"), TIMEOUT)).stdoutText();
            assertThat(shown).contains(migrations.get(0).getVmName());
        }
    }

    private static PoolState state(TestDatabase db) {
        PoolStateRepository repository = new PoolStateRepository(db.database());
        return repository.load(repository.pools().get(0));
    }

    private static double spread(PoolState state) {
        return DemoRun.cpuSpreadPoints(state).orElseThrow();
    }

    private static ProgramRun ok(ProgramRun run) {
        assertThat(run.exitCode()).as("%s\n%s\n%s", run.commandLine(), run.stdoutText(), run.stderrText()).isZero();
        return run;
    }
}
