package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.core.db.generated.Tables;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/**
 * Placement constraints end to end: the simulator, the real collector and a real MariaDB, the default strategies
 * (constraint-repair, then rule-deviation) acting through the SDK.
 */
@ExtendWith(MariaDbExtension.class)
class ConstraintEndToEndTest {
    private static final StrategyChain NO_COOLDOWN = ControlledPool.policy(Duration.ZERO, Duration.ZERO);

    @Test
    void antiAffinityMembersStartingOnOneHostEndOnDifferentHostsAndBalancingKeepsThemApart(TestDatabase db)
            throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse("""
                {"pool": "Spread", "hosts": [
                   {"name": "Host1", "cpus": 4, "memoryMb": 16384, "master": true},
                   {"name": "Host2", "cpus": 4, "memoryMb": 16384},
                   {"name": "Host3", "cpus": 4, "memoryMb": 16384}],
                 "vms": [
                   {"name": "Web1", "host": "Host1", "vcpus": 2, "memoryMb": 1024, "cpu": 0.9,
                    "tags": ["xcp-balancer:anti-affinity=web"]},
                   {"name": "Web2", "host": "Host1", "vcpus": 2, "memoryMb": 1024, "cpu": 0.9,
                    "tags": ["xcp-balancer:anti-affinity=web"]},
                   {"name": "Batch", "host": "Host2", "vcpus": 4, "memoryMb": 1024, "cpu": 0.9}]}
                """, "spread.json"), db)) {
            pool.collect(3);
            pool.rule(RuleSubject.CpuAverage, 25);

            pool.control(NO_COOLDOWN);

            assertThat(pool.migrations()).first().satisfies(m -> {
                assertThat(m.vmName()).isEqualTo("Web2");
                assertThat(m.state()).isEqualTo(MigrationState.SUCCEEDED);
            });
            assertThat(pool.output()).contains("MOVE: Web2: Host1 -> Host3: repairs anti-affinity group 'web' (tag)");
            assertThat(pool.hostOf("Web1")).isNotEqualTo(pool.hostOf("Web2"));

            // Later runs balance, but never put the two back together.
            for (int run = 0; run < 3; run++) {
                pool.collect(3);
                pool.control(NO_COOLDOWN);
                assertThat(pool.hostOf("Web1")).isNotEqualTo(pool.hostOf("Web2"));
            }
        }
    }

    @Test
    void anUnsatisfiableGroupIsMetAsFarAsPossibleAndReportedOnce(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse("""
                {"pool": "Too few hosts", "hosts": [
                   {"name": "Host1", "cpus": 4, "memoryMb": 16384, "master": true},
                   {"name": "Host2", "cpus": 4, "memoryMb": 16384}],
                 "vms": [
                   {"name": "Db1", "host": "Host1", "vcpus": 1, "memoryMb": 1024, "cpu": 0.1,
                    "tags": ["xcp-balancer:anti-affinity=db"]},
                   {"name": "Db2", "host": "Host1", "vcpus": 1, "memoryMb": 1024, "cpu": 0.1,
                    "tags": ["xcp-balancer:anti-affinity=db"]},
                   {"name": "Db3", "host": "Host1", "vcpus": 1, "memoryMb": 1024, "cpu": 0.1,
                    "tags": ["xcp-balancer:anti-affinity=db"]}]}
                """, "too-few.json"), db)) {
            pool.collect(3);

            pool.control(NO_COOLDOWN);

            assertThat(pool.migrations()).singleElement().satisfies(m -> {
                assertThat(m.vmName()).isEqualTo("Db2");
                assertThat(m.destinationHostName()).isEqualTo("Host2");
                assertThat(m.ruleSubject()).as("a repair has no balancing rule").isNull();
            });
            assertThat(pool.output()).contains("NO_MOVE: anti-affinity group 'db' (tag) cannot be met: Db1, Db3"
                    + " share Host1; no host may take Db3 (Host2 already runs a member of Db3's anti-affinity group");

            for (int run = 0; run < 2; run++) {
                pool.collect(3);
                pool.control(NO_COOLDOWN);
            }
            assertThat(pool.migrations()).hasSize(1);
            assertThat(db.database().dsl().fetchCount(Tables.CONTROLDECISION,
                    Tables.CONTROLDECISION.Action.eq("NO_MOVE"))).as("reported once, not every run").isEqualTo(1);
        }
    }
}
