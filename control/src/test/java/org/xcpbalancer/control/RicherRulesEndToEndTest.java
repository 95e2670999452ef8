package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.log.ControlRunLog;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Issue 14's richer rules end to end: the simulator, the real collector, a real MariaDB and the controller
 * acting through the SDK, on a pool of a 64 GB and a 512 GB host.
 */
@ExtendWith(MariaDbExtension.class)
class RicherRulesEndToEndTest {
    private static final StrategyChain DEFAULTS = TestSettings.chain();

    /**
     * Small64 holds 5 VMs of 8 GB (about two thirds of its memory), Big512 10 VMs of 16 GB (under a third of
     * its): in MB Big512 is the fuller host, in percent Small64 is.
     */
    static final String MIXED_SIZES = """
            {"pool": "Mixed Pool",
             "hosts": [
               {"name": "Small64", "cpus": 16, "memoryMb": 65536, "master": true},
               {"name": "Big512", "cpus": 16, "memoryMb": 524288}
             ],
             "vms": [
               {"name": "s1", "host": "Small64", "vcpus": 1, "memoryMb": 8192, "cpu": 0.10},
               {"name": "s2", "host": "Small64", "vcpus": 1, "memoryMb": 8192, "cpu": 0.10},
               {"name": "s3", "host": "Small64", "vcpus": 1, "memoryMb": 8192, "cpu": 0.10},
               {"name": "s4", "host": "Small64", "vcpus": 1, "memoryMb": 8192, "cpu": 0.10},
               {"name": "s5", "host": "Small64", "vcpus": 1, "memoryMb": 8192, "cpu": 0.10},
               {"name": "b1", "host": "Big512", "vcpus": 1, "memoryMb": 16384, "cpu": 0.10},
               {"name": "b2", "host": "Big512", "vcpus": 1, "memoryMb": 16384, "cpu": 0.10},
               {"name": "b3", "host": "Big512", "vcpus": 1, "memoryMb": 16384, "cpu": 0.10},
               {"name": "b4", "host": "Big512", "vcpus": 1, "memoryMb": 16384, "cpu": 0.10},
               {"name": "b5", "host": "Big512", "vcpus": 1, "memoryMb": 16384, "cpu": 0.10},
               {"name": "b6", "host": "Big512", "vcpus": 1, "memoryMb": 16384, "cpu": 0.10},
               {"name": "b7", "host": "Big512", "vcpus": 1, "memoryMb": 16384, "cpu": 0.10},
               {"name": "b8", "host": "Big512", "vcpus": 1, "memoryMb": 16384, "cpu": 0.10},
               {"name": "b9", "host": "Big512", "vcpus": 1, "memoryMb": 16384, "cpu": 0.10},
               {"name": "b10", "host": "Big512", "vcpus": 1, "memoryMb": 16384, "cpu": 0.10}
             ]}
            """;

    @Test
    void aMixedSizePoolIsBalancedOnOccupiedMemoryPercentWhereAnMbRuleWouldEmptyTheSmallHostTheWrongWay(
            TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse(MIXED_SIZES, "mixed-sizes"), db)) {
            pool.collect(3);
            RuleRepository rules = new RuleRepository(db.database());

            // In MB, the 512 GB host is the one "above the average": a dry run would fill the small host up.
            rules.save(pool.pool().id(), new HostRule(RuleSubject.OccupiedMemoryMb, 32768));
            ControlService.RunResult byMb = pool.service(DEFAULTS).runOnce(Optional.empty(), true);
            assertThat(byMb.plan().moves()).isNotEmpty().allSatisfy(m -> {
                assertThat(m.sourceName()).isEqualTo("Big512");
                assertThat(m.destinationName()).isEqualTo("Small64");
            });
            rules.delete(pool.pool().id(), RuleSubject.OccupiedMemoryMb);

            pool.rule(RuleSubject.OccupiedMemoryPercent, 15);
            pool.clearOutput();
            ControlService.RunResult run = pool.control(DEFAULTS);

            assertThat(run.outcome()).isEqualTo(ControlRunLog.Outcome.MIGRATED);
            assertThat(pool.migrations()).hasSize(1);
            MigrationEntry move = pool.migrations().get(0);
            assertThat(move.sourceHostName()).isEqualTo("Small64");
            assertThat(move.destinationHostName()).isEqualTo("Big512");
            assertThat(pool.hostOf(move.vmName())).isEqualTo("Big512");
            assertThat(pool.output()).contains("Small64 violates OccupiedMemoryPercent");
            // The prediction: 8 GB is 12.5 points of Small64 and 1.6 points of Big512.
            var prediction = run.plan().moves().get(0).prediction();
            assertThat(prediction.sourceBefore() - prediction.sourceAfter()).isCloseTo(12.5, org.assertj.core.api.Assertions.within(0.01));
            assertThat(prediction.destinationAfter() - prediction.destinationBefore()).isCloseTo(1.5625, org.assertj.core.api.Assertions.within(0.01));

            pool.collect(3);
            ControlService.RunResult after = pool.control(ControlledPool.policy(java.time.Duration.ZERO, java.time.Duration.ZERO));
            assertThat(after.outcome()).isEqualTo(ControlRunLog.Outcome.BALANCED);
            assertThat(after.plan().decisions()).extracting(Decision::action).containsOnly(DecisionAction.BALANCED);
        }
    }
}
