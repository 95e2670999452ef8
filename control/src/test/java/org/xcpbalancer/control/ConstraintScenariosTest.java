package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.VM;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.placement.ExcludedHostRule;
import org.xcpbalancer.control.placement.HostAvailableRule;
import org.xcpbalancer.control.placement.MemoryRule;
import org.xcpbalancer.control.placement.Placement;
import org.xcpbalancer.control.placement.SameHostRule;
import org.xcpbalancer.control.plan.SafetyPolicy;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.db.generated.Tables;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.xapi.XapiSession;

/**
 * Host labels, affinity groups, VMs XAPI will not migrate and XAPI's HA plan, end to end: the simulator's
 * placement model (tags, passthrough, HA with xapi's own plan check), the real collector, a real MariaDB and
 * the default strategies acting through the SDK.
 */
@ExtendWith(MariaDbExtension.class)
class ConstraintScenariosTest {
    private static final StrategyChain NO_COOLDOWN = ControlledPool.policy(Duration.ZERO, Duration.ZERO);
    /**
     * P1 (protected) can only restart on Host3 if Host1 fails. W1 and W2 weigh the same on CPU; W1 (4000 MB) on
     * Host3 would leave P1 no room, W2 (1000 MB) would not.
     */
    private static final String HA_POOL = """
                {"pool": "Ha", "ha": {"enabled": true, "hostFailuresToTolerate": 1},
                 "hosts": [
                   {"name": "Host1", "cpus": 4, "memoryMb": 16384, "master": true},
                   {"name": "Host2", "cpus": 4, "memoryMb": 16384},
                   {"name": "Host3", "cpus": 4, "memoryMb": 16384}],
                 "vms": [
                   {"name": "P1", "host": "Host1", "vcpus": 1, "memoryMb": 6144, "cpu": 0.05,
                    "haRestartPriority": "restart"},
                   {"name": "W1", "host": "Host1", "vcpus": 2, "memoryMb": 4000, "cpu": 0.9},
                   {"name": "W2", "host": "Host1", "vcpus": 2, "memoryMb": 1000, "cpu": 0.9},
                   {"name": "Fill2", "host": "Host2", "vcpus": 1, "memoryMb": 10000, "cpu": 0.1},
                   {"name": "Fill3", "host": "Host3", "vcpus": 1, "memoryMb": 7000, "cpu": 0.0}]}
                                """;

    @Test
    void aMustRunOnVmNeverLeavesItsLabelledHostsAndReturnsWhenMovedAwayByHand(TestDatabase db) throws Exception {
        // Host1 at 80 %: Db and Other weigh the same, Host3 (no label) is the best destination for either.
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse("""
                {"pool": "Labels", "hosts": [
                   {"name": "Host1", "cpus": 4, "memoryMb": 16384, "master": true, "tags": ["xcp-balancer:label=ssd"]},
                   {"name": "Host2", "cpus": 4, "memoryMb": 16384, "tags": ["xcp-balancer:label=ssd"]},
                   {"name": "Host3", "cpus": 4, "memoryMb": 16384}],
                 "vms": [
                   {"name": "Db", "host": "Host1", "vcpus": 2, "memoryMb": 1024, "cpu": 0.8,
                    "tags": ["xcp-balancer:run-on=ssd"]},
                   {"name": "Other", "host": "Host1", "vcpus": 2, "memoryMb": 1024, "cpu": 0.8},
                   {"name": "Light", "host": "Host2", "vcpus": 1, "memoryMb": 1024, "cpu": 0.4}]}
                """, "labels.json"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);

            pool.control(NO_COOLDOWN);

            assertThat(pool.migrations()).singleElement().satisfies(m -> {
                assertThat(m.vmName()).isEqualTo("Other");
                assertThat(m.destinationHostName()).isEqualTo("Host3");
            });
            assertThat(pool.hostOf("Db")).isEqualTo("Host1");

            // An administrator moves Db to Host3 by hand: once the collector has seen it there, it goes back.
            try (XapiSession admin = XapiSession.open(pool.xapi)) {
                String db1 = pool.simulator.model().vmByName("Db").uuid();
                String host3 = pool.simulator.model().hostByName("Host3").uuid();
                admin.call("VM.pool_migrate", c -> {
                    VM.getByUuid(c, db1).poolMigrate(c, Host.getByUuid(c, host3), Map.of("live", "true"));
                    return null;
                });
            }
            pool.collect(3);
            pool.clearOutput();
            pool.control(NO_COOLDOWN);
            assertThat(pool.hostOf("Db")).isIn("Host1", "Host2");
            assertThat(pool.output()).contains("repairs run-on ssd for Db: Db runs on Host3");
        }
    }

    @Test
    void anAffinityPairMovesTogether(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse("""
                {"pool": "Pair", "hosts": [
                   {"name": "Hot", "cpus": 4, "memoryMb": 16384, "master": true},
                   {"name": "Cool1", "cpus": 4, "memoryMb": 16384},
                   {"name": "Cool2", "cpus": 4, "memoryMb": 16384}],
                 "vms": [
                   {"name": "App", "host": "Hot", "vcpus": 1, "memoryMb": 1024, "cpu": 0.4,
                    "tags": ["xcp-balancer:affinity=shop"]},
                   {"name": "Db", "host": "Hot", "vcpus": 1, "memoryMb": 1024, "cpu": 0.4,
                    "tags": ["xcp-balancer:affinity=shop"]},
                   {"name": "Big", "host": "Hot", "vcpus": 4, "memoryMb": 1024, "cpu": 0.5}]}
                """, "pair.json"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);

            pool.control(NO_COOLDOWN);

            assertThat(pool.migrations()).extracting(MigrationEntry::vmName).containsExactly("App", "Db");
            assertThat(pool.migrations()).allSatisfy(m -> assertThat(m.state()).isEqualTo(MigrationState.SUCCEEDED));
            assertThat(pool.hostOf("App")).isEqualTo(pool.hostOf("Db")).isNotEqualTo("Hot");
        }
    }

    @Test
    void vmsWithAVgpuOrAPciDeviceNeverMoveAndSayWhyOnce(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse("""
                {"pool": "Pinned", "hosts": [
                   {"name": "Host1", "cpus": 4, "memoryMb": 16384, "master": true},
                   {"name": "Host2", "cpus": 4, "memoryMb": 16384}],
                 "vms": [
                   {"name": "Gpu", "host": "Host1", "vcpus": 2, "memoryMb": 1024, "cpu": 0.9, "passthrough": "vgpu"},
                   {"name": "Nic", "host": "Host1", "vcpus": 2, "memoryMb": 1024, "cpu": 0.9, "passthrough": "pci"}]}
                """, "pinned.json"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);

            for (int run = 0; run < 2; run++) {
                pool.control(NO_COOLDOWN);
                pool.collect(1);
            }

            assertThat(pool.migrations()).isEmpty();
            assertThat(pool.hostOf("Gpu")).isEqualTo("Host1");
            assertThat(pool.output()).contains("EXCLUDE: Gpu is never planned: it has a vGPU (XAPI refuses with VM_HAS_VGPU)",
                    "EXCLUDE: Nic is never planned: it has a PCI device passed through");
            String gpu = pool.simulator.model().vmByName("Gpu").uuid();
            assertThat(db.database().dsl().fetchCount(Tables.CONTROLDECISION, Tables.CONTROLDECISION.VmUuid.eq(gpu)))
                    .as("stored once, not every run").isEqualTo(1);
        }
    }

    @Test
    void onAnHaPoolABalancingMoveThatWouldBreakThePlanIsNotPlannedWhileOneThatKeepsItIsMade(TestDatabase db)
            throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse(HA_POOL, "ha.json"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);

            pool.control(NO_COOLDOWN);

            assertThat(pool.migrations()).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.state()).isEqualTo(MigrationState.SUCCEEDED))
                    .noneSatisfy(m -> {
                        assertThat(m.vmName()).isEqualTo("W1");
                        assertThat(m.destinationHostName()).isEqualTo("Host3");
                    });
            assertThat(pool.migrations()).first().satisfies(m -> {
                assertThat(m.vmName()).isEqualTo("W2");
                assertThat(m.destinationHostName()).isEqualTo("Host3");
            });
            @SuppressWarnings("unchecked")
            Map<String, Long> refusals = (Map<String, Long>) pool.simulator.admin().state().get("migrationRefusals");
            assertThat(refusals.values().stream().mapToLong(Long::longValue).sum()).as("XAPI refused").isZero();
        }
    }

    @Test
    void xapisHaRefusalIsStoredAsRefusedAndThatPairIsNotAskedAgain(TestDatabase db) throws Exception {
        // A controller whose placement lacks the HA rule: XAPI itself refuses W1 on Host3.
        StrategyChain chain = ControlledPool.policy(Duration.ZERO, Duration.ZERO);
        SafetyPolicy policy = chain.policy();
        StrategyChain withoutHaRule = new StrategyChain(policy, chain.strategies(), new Placement(List.of(
                new SameHostRule(), new ExcludedHostRule(policy), new HostAvailableRule(), new MemoryRule())));
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse(HA_POOL, "ha.json"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);

            ControlService.RunResult refused = pool.control(withoutHaRule);

            assertThat(refused.exitCode()).as("a refusal is not a failure").isEqualTo(ExitCode.OK);
            assertThat(pool.migrations()).first().satisfies(m -> {
                assertThat(m.vmName()).isEqualTo("W1");
                assertThat(m.state()).isEqualTo(MigrationState.REFUSED);
                assertThat(m.xapiError()).startsWith("HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN");
            });
            assertThat(pool.output()).contains("refused by XAPI (it would break the HA plan; not retried)");

            pool.collect(1);
            pool.control(withoutHaRule);
            assertThat(pool.migrations()).filteredOn(m -> m.vmName().equals("W1")).hasSize(1);
            assertThat(pool.migrations()).last().satisfies(m -> {
                assertThat(m.vmName()).isEqualTo("W2");
                assertThat(m.state()).isEqualTo(MigrationState.SUCCEEDED);
            });
        }
    }
}
