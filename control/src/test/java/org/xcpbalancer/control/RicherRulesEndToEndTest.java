package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.log.ControlRunLog;
import org.xcpbalancer.control.log.MigrationEntry;
import org.xcpbalancer.control.plan.Decision;
import org.xcpbalancer.control.plan.DecisionAction;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RulePart;
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
            ControlService.RunResult after = pool.control(ControlledPool.policy(Duration.ZERO, Duration.ZERO));
            assertThat(after.outcome()).isEqualTo(ControlRunLog.Outcome.BALANCED);
            assertThat(after.plan().decisions()).extracting(Decision::action).containsOnly(DecisionAction.BALANCED);
        }
    }

    /** H1 holds two 12 GB VMs of a 32 GB host (memory ~80 %, CPU low); H2 and H3 one light 2 GB VM each. */
    static final String MEMORY_HEAVY = """
            {"pool": "And Pool",
             "hosts": [
               {"name": "H1", "cpus": 8, "memoryMb": 32768, "master": true},
               {"name": "H2", "cpus": 8, "memoryMb": 32768},
               {"name": "H3", "cpus": 8, "memoryMb": 32768}
             ],
             "vms": [
               {"name": "v1", "host": "H1", "vcpus": 4, "memoryMb": 12288, "cpu": 0.05},
               {"name": "v2", "host": "H1", "vcpus": 4, "memoryMb": 12288, "cpu": 0.05},
               {"name": "w1", "host": "H2", "vcpus": 1, "memoryMb": 2048, "cpu": 0.05},
               {"name": "x1", "host": "H3", "vcpus": 1, "memoryMb": 2048, "cpu": 0.05}
             ]}
            """;

    private static final HostRule CPU_AND_MEMORY = HostRule.allOf(List.of(RulePart.of(RuleSubject.CpuAverage, 20),
            RulePart.of(RuleSubject.OccupiedMemoryPercent, 20)));

    @Test
    void anAndRuleMovesNothingWhileOnlyMemoryIsHighAndFixesTheHostOnceItsCpuIsHighToo(TestDatabase db)
            throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse(MEMORY_HEAVY, "and-pool"), db)) {
            pool.collect(3);
            new RuleRepository(db.database()).save(pool.pool().id(), CPU_AND_MEMORY);

            ControlService.RunResult onlyMemory = pool.control(DEFAULTS);
            assertThat(onlyMemory.outcome()).isEqualTo(ControlRunLog.Outcome.BALANCED);
            assertThat(pool.migrations()).isEmpty();
            assertThat(pool.output()).contains("every host is within its rules: CpuAverage 20 AND OccupiedMemoryPercent 20");

            pool.simulator.admin().setVmCpu("v1", 0.9);
            pool.simulator.admin().setVmCpu("v2", 0.9);
            pool.collect(3);
            pool.clearOutput();
            ControlService.RunResult both = pool.control(DEFAULTS);

            assertThat(both.outcome()).isEqualTo(ControlRunLog.Outcome.MIGRATED);
            assertThat(pool.migrations()).hasSize(1);
            MigrationEntry move = pool.migrations().get(0);
            assertThat(move.sourceHostName()).isEqualTo("H1");
            assertThat(move.vmName()).isIn("v1", "v2");
            assertThat(pool.output()).contains("H1 violates CpuAverage 20 AND OccupiedMemoryPercent 20: CpuAverage",
                    "H1 then keeps the rule");

            // Both parts are 20 points: the reason names the part the logged prediction is of, the one that
            // decided (memory: +45.8 of 20 is nearer to being back under than CPU's +59.6 of 20).
            var planned = both.plan().moves().get(0).prediction();
            assertThat(planned.part().subject(0)).isEqualTo(RuleSubject.OccupiedMemoryPercent);
            assertThat(pool.output()).contains("the predicted values logged are of OccupiedMemoryPercent,");

            pool.collect(3);
            ControlService.RunResult after = pool.control(ControlledPool.policy(Duration.ZERO, Duration.ZERO));
            assertThat(after.outcome()).isEqualTo(ControlRunLog.Outcome.BALANCED);
            assertThat(pool.migrations()).hasSize(1);

            // That run measured the move as H1's and H2's occupied memory percent, beside the predicted values.
            var row = db.database().dsl().fetchOne(MIGRATION, MIGRATION.Id.eq(move.id()));
            assertThat(row.getRuleSubject()).isEqualTo("CpuAverage 20 AND OccupiedMemoryPercent 20");
            assertThat(row.getPredictedSourceBefore()).isCloseTo(planned.sourceBefore(), within(0.001));
            assertThat(row.getMeasuredSourceAfter()).as("H1's first sample after the move, in percent of its memory")
                    .isCloseTo(occupiedPercentAfter(db, row.getSourceHostUuid(), row.getFinishedAt()), within(0.001))
                    .isCloseTo(row.getPredictedSourceAfter(), within(2.0));
            assertThat(row.getMeasuredDestinationAfter())
                    .isCloseTo(occupiedPercentAfter(db, row.getDestinationHostUuid(), row.getFinishedAt()), within(0.001))
                    .isCloseTo(row.getPredictedDestinationAfter(), within(2.0));
        }
    }

    /** The host's occupied memory percent in its first raw sample after the time, read as a user would. */
    private static Double occupiedPercentAfter(TestDatabase db, String hostUuid, java.time.LocalDateTime after) {
        return db.database().dsl().fetchOne("SELECT (MemoryTotalMb - MemoryFreeMb) * 100.0 / MemoryTotalMb"
                + " FROM HostSample WHERE HostUuid = ? AND Resolution = 'raw' AND SampledAt > ?"
                + " ORDER BY SampledAt LIMIT 1", hostUuid, after).get(0, Double.class);
    }

    @Test
    void aScoreRuleIsPlannedAndExplainedInTheDryRunThenCarriedOut(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.parse(MEMORY_HEAVY, "score-pool"), db)) {
            pool.simulator.admin().setVmCpu("v1", 0.9);
            pool.simulator.admin().setVmCpu("v2", 0.9);
            pool.collect(3);
            HostRule score = HostRule.score(List.of(new RulePart.WeightedSubject(RuleSubject.CpuAverage, 0.7),
                    new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, 0.3)), 20);
            new RuleRepository(db.database()).save(pool.pool().id(), score);

            ControlService.RunResult dry = pool.service(DEFAULTS).runOnce(Optional.empty(), true);
            assertThat(pool.migrations()).isEmpty();
            assertThat(dry.plan().moves()).as(pool.output()).isNotEmpty();
            assertThat(pool.output()).contains("for SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 20",
                    "predicted score CpuAverage*0.7 + OccupiedMemoryPercent*0.3: H1",
                    "H1 violates SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 20: its score", "H1's score from");

            ControlService.RunResult run = pool.control(DEFAULTS);
            assertThat(run.outcome()).isEqualTo(ControlRunLog.Outcome.MIGRATED);
            assertThat(pool.migrations()).as(pool.output()).isNotEmpty().allSatisfy(m -> assertThat(m.sourceHostName()).isEqualTo("H1"));
            var row = db.database().dsl().fetchOne(org.xcpbalancer.core.db.generated.Tables.MIGRATION,
                    org.xcpbalancer.core.db.generated.Tables.MIGRATION.Id.eq(pool.migrations().get(0).id()));
            assertThat(row.getRuleSubject()).isEqualTo("SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 20");
            assertThat(row.getPredictedSourceAfter()).isLessThan(row.getPredictedSourceBefore());

            // The next run measures the move as a score too, beside the predicted one.
            pool.collect(1);
            pool.control(DEFAULTS);
            var measured = db.database().dsl().fetchOne(org.xcpbalancer.core.db.generated.Tables.MIGRATION,
                    org.xcpbalancer.core.db.generated.Tables.MIGRATION.Id.eq(row.getId()));
            assertThat(measured.getMeasuredSourceAfter()).isNotNull()
                    .isCloseTo(row.getPredictedSourceAfter(), org.assertj.core.api.Assertions.within(10.0));
        }
    }
}
