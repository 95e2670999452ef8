package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.VM;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.log.ControlRunLog;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.db.generated.Tables;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.xapi.XapiSession;

/**
 * xcp-control end to end: the simulator, the real collector and a real MariaDB, the controller acting through
 * the SDK. Each test is one of issue 6's acceptance tests.
 */
@ExtendWith(MariaDbExtension.class)
class ControlEndToEndTest {
    private static final StrategyChain DEFAULTS = TestSettings.chain();

    @Test
    void thePapersPoolGetsExactlyOneMigrationFromHost2ToHost1ThenStaysQuiet(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);

            ControlService.RunResult first = pool.control(DEFAULTS);

            assertThat(first.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(first.outcome()).isEqualTo(ControlRunLog.Outcome.MIGRATED);
            MigrationEntry move = pool.migrations().get(0);
            assertThat(pool.migrations()).hasSize(1);
            assertThat(move.state()).isEqualTo(MigrationState.SUCCEEDED);
            assertThat(move.sourceHostName()).isEqualTo("Host2");
            assertThat(move.destinationHostName()).isEqualTo("Host1");
            assertThat(move.vmName()).isIn("VM2 - Debian", "VM3 - Ubuntu");
            assertThat(pool.hostOf(move.vmName())).isEqualTo("Host1");
            assertThat(pool.output()).contains("MOVE: " + move.vmName() + ": Host2 -> Host1: Host2 violates CpuAverage",
                    "done in");

            // Later runs: quiet, and not only because of the cooldowns.
            pool.collect(3);
            assertThat(pool.control(DEFAULTS).outcome()).isEqualTo(ControlRunLog.Outcome.BALANCED);
            pool.collect(1);
            ControlService.RunResult noCooldown = pool.control(ControlledPool.policy(Duration.ZERO, Duration.ZERO));
            assertThat(noCooldown.outcome()).isEqualTo(ControlRunLog.Outcome.BALANCED);
            assertThat(noCooldown.plan().decisions()).singleElement().satisfies(d ->
                    assertThat(d.reason()).startsWith("every host is within its rules"));
            assertThat(pool.migrations()).hasSize(1);

            // The log holds the measured effect next to the predicted one.
            var row = db.database().dsl().fetchOne(Tables.MIGRATION, Tables.MIGRATION.Id.eq(move.id()));
            assertThat(row.getPredictedSourceBefore()).isCloseTo(100, within(1.0));
            assertThat(row.getPredictedSourceAfter()).isCloseTo(50, within(2.0));
            assertThat(row.getMeasuredSourceAfter()).isCloseTo(50, within(3.0));
            assertThat(row.getMeasuredDestinationAfter()).isCloseTo(76, within(3.0));
        }
    }

    @Test
    void aViolationMustHoldAndMovedVmsAndHostsCoolDown(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(1);
            pool.rule(RuleSubject.CpuAverage, 25);

            ControlService.RunResult waiting = pool.control(DEFAULTS);
            assertThat(waiting.outcome()).isEqualTo(ControlRunLog.Outcome.WAITING);
            assertThat(pool.output()).contains("WAIT: Host2 violates CpuAverage", "only in 1 of the last 3 samples");
            assertThat(pool.migrations()).isEmpty();

            pool.collect(2);
            assertThat(pool.control(DEFAULTS).outcome()).isEqualTo(ControlRunLog.Outcome.MIGRATED);
            String moved = pool.migrations().get(0).vmName();
            String stayed = moved.startsWith("VM2") ? "VM3 - Ubuntu" : "VM2 - Debian";

            // Host1 now hot, Host2 nearly idle: a violation again, but both hosts just changed.
            pool.simulator.admin().setVmCpu(stayed, 0.02);
            pool.collect(3);
            pool.clearOutput();
            ControlService.RunResult cooling = pool.control(DEFAULTS);
            assertThat(cooling.outcome()).isEqualTo(ControlRunLog.Outcome.WAITING);
            assertThat(pool.output()).contains("NO_MOVE: Host1 violates CpuAverage",
                    "gained or lost a VM", "within control.hostCooldown 5m");
            assertThat(pool.migrations()).hasSize(1);

            // Without the host cooldown, the VM cooldown still keeps the moved VM where it is: VM1 goes.
            pool.clearOutput();
            ControlService.RunResult vmCooling = pool.control(ControlledPool.policy(Duration.ofMinutes(30), Duration.ZERO));
            assertThat(vmCooling.outcome()).isEqualTo(ControlRunLog.Outcome.MIGRATED);
            assertThat(pool.output()).contains(moved + " stays on Host1: it moved", "within control.vmCooldown 30m");
            assertThat(pool.migrations()).hasSize(2);
            assertThat(pool.migrations().get(1).vmName()).isEqualTo("VM1 - Debian");
        }
    }

    @Test
    void aMigrationMadeByHandCoolsDownItsHostsAndItsVmToo(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(1);
            pool.rule(RuleSubject.CpuAverage, 25);
            // An administrator moves VM1 to Host2 (xe vm-migrate): Host2 hotter still, Host1 nearly idle.
            try (XapiSession admin = XapiSession.open(pool.xapi)) {
                String vm1 = pool.simulator.model().vmByName("VM1 - Debian").uuid();
                String host2 = pool.simulator.model().hostByName("Host2").uuid();
                admin.call("VM.pool_migrate", c -> {
                    VM.getByUuid(c, vm1).poolMigrate(c, Host.getByUuid(c, host2), Map.of("live", "true"));
                    return null;
                });
            }
            pool.collect(3);

            ControlService.RunResult cooling = pool.control(DEFAULTS);

            assertThat(cooling.outcome()).isEqualTo(ControlRunLog.Outcome.WAITING);
            assertThat(pool.migrations()).isEmpty();
            assertThat(pool.output()).contains("NO_MOVE: Host2 violates CpuAverage", "the host may not give a VM: Host2 gained or lost a VM",
                    "within control.hostCooldown 5m");

            pool.clearOutput();
            pool.control(ControlledPool.policy(Duration.ofMinutes(30), Duration.ZERO));
            assertThat(pool.output()).contains("VM1 - Debian stays on Host2: it moved", "within control.vmCooldown 30m");
            assertThat(pool.migrations()).isNotEmpty().noneSatisfy(m -> assertThat(m.vmName()).isEqualTo("VM1 - Debian"));
        }
    }

    @Test
    void aDestinationWithoutFreeMemoryIsSkipped(TestDatabase db) throws Exception {
        // Idle is the least loaded host but has 2048 − 752 (dom0) − 512 = 784 MB free; Db needs 2048 MB.
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse("""
                {"pool": "Memory", "hosts": [
                   {"name": "Busy", "cpus": 4, "memoryMb": 16384, "master": true},
                   {"name": "Idle", "cpus": 4, "memoryMb": 2048},
                   {"name": "Some", "cpus": 4, "memoryMb": 16384}],
                 "vms": [
                   {"name": "Web", "host": "Busy", "vcpus": 4, "memoryMb": 4096, "cpu": 1.0},
                   {"name": "Db", "host": "Busy", "vcpus": 2, "memoryMb": 2048, "cpu": 0.5},
                   {"name": "Small", "host": "Idle", "vcpus": 1, "memoryMb": 512, "cpu": 0.1},
                   {"name": "Light", "host": "Some", "vcpus": 1, "memoryMb": 1024, "cpu": 0.4}]}
                """, "memory.json"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);

            pool.control(DEFAULTS);

            assertThat(pool.migrations()).singleElement().satisfies(m -> {
                assertThat(m.vmName()).isEqualTo("Db");
                assertThat(m.destinationHostName()).isEqualTo("Some");
                assertThat(m.state()).isEqualTo(MigrationState.SUCCEEDED);
            });
            assertThat(pool.output()).contains("SKIP: Idle skipped as destination of Db although it would balance better",
                    "Db needs 2048 MB");
        }
    }

    @Test
    void aSingleLargeVmWhoseMoveWouldOnlyFlipTheImbalanceStaysPut(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse("""
                {"pool": "Flip", "hosts": [
                   {"name": "Host1", "cpus": 4, "memoryMb": 16384, "master": true},
                   {"name": "Host2", "cpus": 4, "memoryMb": 16384}],
                 "vms": [{"name": "Big", "host": "Host2", "vcpus": 4, "memoryMb": 4096, "cpu": 1.0}]}
                """, "flip.json"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);

            ControlService.RunResult run = pool.control(DEFAULTS);

            assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(run.outcome()).isEqualTo(ControlRunLog.Outcome.WAITING);
            assertThat(pool.migrations()).isEmpty();
            assertThat(pool.hostOf("Big")).isEqualTo("Host2");
            assertThat(pool.output()).contains("NO_MOVE: Host2 violates CpuAverage", "nothing moved",
                    "moving Big to Host1 would put Host1 at", "the imbalance would only flip");
            assertThat(db.database().dsl().fetchCount(Tables.CONTROLDECISION,
                    Tables.CONTROLDECISION.Action.eq("NO_MOVE"))).isEqualTo(1);
        }
    }

    @Test
    void aFailingMigrationIsLoggedAndItsVmBacksOff(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.simulator.admin().setMigrationFailureShare(1.0);
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);

            ControlService.RunResult failed = pool.control(DEFAULTS);

            assertThat(failed.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
            assertThat(failed.outcome()).isEqualTo(ControlRunLog.Outcome.FAILED);
            MigrationEntry first = pool.migrations().get(0);
            assertThat(pool.migrations()).hasSize(1);
            assertThat(first.state()).isEqualTo(MigrationState.FAILED);
            assertThat(first.xapiError()).startsWith("VM_MIGRATE_FAILED");
            assertThat(pool.hostOf(first.vmName())).isEqualTo("Host2");

            // The next run does not retry that VM (it backs off); it tries the other one, which fails too.
            pool.collect(1);
            pool.control(DEFAULTS);
            assertThat(pool.migrations()).hasSize(2);
            assertThat(pool.migrations().get(1).vmName()).isNotEqualTo(first.vmName());

            pool.collect(1);
            pool.clearOutput();
            ControlService.RunResult backingOff = pool.control(DEFAULTS);
            assertThat(pool.migrations()).hasSize(2);
            assertThat(backingOff.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(pool.output()).contains("failed to migrate 1 time(s) in a row", "backing off for 10m");
        }
    }

    @Test
    void cpuAndMemoryRulesTogether(TestDatabase db) throws Exception {
        // Host3 is the coolest on CPU, but one more 4 GB guest would put it over the memory rule.
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse("""
                {"pool": "Two rules", "hosts": [
                   {"name": "Host1", "cpus": 8, "memoryMb": 32768, "master": true},
                   {"name": "Host2", "cpus": 8, "memoryMb": 32768},
                   {"name": "Host3", "cpus": 8, "memoryMb": 32768}],
                 "vms": [
                   {"name": "Hot1", "host": "Host1", "vcpus": 2, "memoryMb": 4096, "cpu": 1.0},
                   {"name": "Hot2", "host": "Host1", "vcpus": 2, "memoryMb": 4096, "cpu": 1.0},
                   {"name": "Hot3", "host": "Host1", "vcpus": 2, "memoryMb": 4096, "cpu": 1.0},
                   {"name": "Hot4", "host": "Host1", "vcpus": 2, "memoryMb": 4096, "cpu": 1.0},
                   {"name": "Warm", "host": "Host2", "vcpus": 4, "memoryMb": 8192, "cpu": 0.5},
                   {"name": "Fat", "host": "Host3", "vcpus": 1, "memoryMb": 24000, "cpu": 0.05}]}
                """, "two-rules.json"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);
            pool.rule(RuleSubject.OccupiedMemoryMb, 10000);

            pool.control(DEFAULTS);

            assertThat(pool.migrations()).isNotEmpty().allSatisfy(m -> {
                assertThat(m.sourceHostName()).isEqualTo("Host1");
                assertThat(m.destinationHostName()).isEqualTo("Host2");
            });
            assertThat(pool.output()).contains("would put Host3 at", "OccupiedMemoryMb threshold 10000 MB");
            assertThat(pool.simulator.model().residentVms(pool.simulator.model().hostByName("Host3")))
                    .extracting(vm -> vm.name()).doesNotContain("Hot1", "Hot2", "Hot3", "Hot4");
        }
    }

    static List<String> names(List<MigrationEntry> entries) {
        return entries.stream().map(MigrationEntry::vmName).toList();
    }
}
