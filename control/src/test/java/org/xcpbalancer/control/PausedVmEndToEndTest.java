package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLDECISION;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xcpbalancer.control.log.ControlRunLog;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.state.HostMaintenance;
import org.xcpbalancer.core.state.HostMaintenance.State;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * A Paused VM end to end (issue 14): XAPI will not migrate it (no pool_migrate in its allowed_operations,
 * VM.pool_migrate fails with VM_BAD_POWER_STATE), so xcp-control never asks, says so once, and names it when it
 * keeps a host in maintenance from being emptied. The VM was paused through the simulator as an administrator
 * would (xe vm-pause); what stays where is read from the simulator.
 */
@ExtendWith(MariaDbExtension.class)
class PausedVmEndToEndTest {
    private static final String PAUSED_REASON =
            "is paused (XAPI refuses VM.pool_migrate with VM_BAD_POWER_STATE): unpause or shut it down to move it";

    @RegisterExtension
    final XcpControlInProcess control = new XcpControlInProcess();

    /**
     * Running, Host1 is at 100% and Host2 idle: moving db (half of Host1's CPU) would even them out exactly.
     * Paused, db draws nothing and Host1 is at 50%: still over the rule, and a 1-vCPU web VM evens the pool out.
     */
    private static final String BUSY_HOST_WITH_DB = """
            {"pool": "Paused Pool",
             "hosts": [{"name": "Host1", "cpus": 4, "memoryMb": 8192, "master": true},
                       {"name": "Host2", "cpus": 4, "memoryMb": 8192}],
             "vms": [{"name": "db", "host": "Host1", "vcpus": 2, "memoryMb": 2048, "cpu": 1.0},
                     {"name": "web-1", "host": "Host1", "vcpus": 1, "memoryMb": 512, "cpu": 1.0},
                     {"name": "web-2", "host": "Host1", "vcpus": 1, "memoryMb": 512, "cpu": 1.0},
                     {"name": "idle", "host": "Host2", "vcpus": 1, "memoryMb": 512, "cpu": 0.0}]}
            """;

    @Test
    void balancingNeverMovesAPausedVmSaysWhyOnceAndMovesAnotherThatFits(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse(BUSY_HOST_WITH_DB, "paused-db"), db)) {
            pool.simulator.admin().pauseVm("db");
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 10);
            StrategyChain defaults = TestSettings.chain();

            ControlService.RunResult run = pool.control(defaults);

            assertThat(run.outcome()).isEqualTo(ControlRunLog.Outcome.MIGRATED);
            assertThat(pool.migrations()).singleElement().satisfies(move -> {
                assertThat(move.vmName()).isIn("web-1", "web-2");
                assertThat(move.sourceHostName()).isEqualTo("Host1");
                assertThat(move.destinationHostName()).isEqualTo("Host2");
            });
            assertThat(pool.hostOf("db")).isEqualTo("Host1");
            assertThat(pool.simulator.model().vmByName("db").powerState()).isEqualTo(PowerState.PAUSED);
            String dbUuid = pool.simulator.model().vmByName("db").uuid();
            assertThat(db.database().dsl().select(CONTROLDECISION.Action, CONTROLDECISION.Reason).from(CONTROLDECISION)
                    .where(CONTROLDECISION.VmUuid.eq(dbUuid)).fetch().map(r -> r.value1() + ": " + r.value2()))
                    .containsExactly("EXCLUDE: db is never planned: it " + PAUSED_REASON);
            assertThat(pool.output()).contains("db is never planned: it is paused");

            // The next run says nothing new about it, and still never asks XAPI to move it.
            pool.collect(1);
            pool.control(ControlledPool.policy(Duration.ZERO, Duration.ZERO));
            assertThat(db.database().dsl().fetchCount(CONTROLDECISION, CONTROLDECISION.VmUuid.eq(dbUuid)))
                    .as("stored once, not every run").isEqualTo(1);
            assertThat(pool.migrations()).extracting(MigrationEntry::vmName).doesNotContain("db");
            assertThat(pool.hostOf("db")).isEqualTo("Host1");
        }
    }

    @Test
    void anEvacuationMovesTheOthersNamesThePausedVmExits10AndLeavesTheHostDisabled(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.simulator.admin().pauseVm("VM2 - Debian");
            pool.collect(1);
            Path settings = control.settings(pool, "control.maxConcurrentMigrations=2");

            int code = control.run("--settings", settings.toString(), "--evacuate", "Host2", "--reason", "BIOS update");

            assertThat(code).as(control.stderr()).isEqualTo(10);
            assertThat(pool.hostOf("VM3 - Ubuntu")).isEqualTo("Host1");
            assertThat(pool.hostOf("VM2 - Debian")).isEqualTo("Host2");
            assertThat(pool.simulator.model().vmByName("VM2 - Debian").powerState()).isEqualTo(PowerState.PAUSED);
            assertThat(pool.simulator.model().hostByName("Host2").enabled()).as("stays disabled").isFalse();
            HostMaintenance blocked = new HostMaintenanceRepository(pool.database).find(pool.pool().id(),
                    pool.simulator.model().hostByName("Host2").uuid()).orElseThrow();
            assertThat(blocked.state()).isEqualTo(State.BLOCKED);
            assertThat(blocked.leftVms()).singleElement().satisfies(vm -> {
                assertThat(vm.vmName()).isEqualTo("VM2 - Debian");
                assertThat(vm.reason()).isEqualTo(PAUSED_REASON);
            });
            assertThat(control.stdout()).contains("2 running VM(s), 1 to move",
                    "NO_MOVE: VM2 - Debian stays on Host2 (in maintenance): it is paused",
                    "Host2: blocked (disabled, not empty: 1 VM(s) cannot move");
            assertThat(pool.migrations()).extracting(MigrationEntry::vmName).containsExactly("VM3 - Ubuntu");
        }
    }
}
