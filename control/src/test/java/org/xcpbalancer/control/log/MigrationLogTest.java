package org.xcpbalancer.control.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;
import static org.xcpbalancer.core.db.generated.Tables.POOL;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.plan.MigrationFacts;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.PoolLock;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PredictedPart;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** The migration log on a real MariaDB: the rows a run writes, and the facts the next run plans with. */
@ExtendWith(MariaDbExtension.class)
class MigrationLogTest {
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private static int pool(Database database, String uuid) {
        return database.dsl().insertInto(POOL, POOL.UUID, POOL.Name).values(uuid, uuid).returning(POOL.Id).fetchOne()
                .getId();
    }

    private static PlannedMove move(String vm, String from, String to) {
        return new PlannedMove("uuid-" + vm, vm, 2048, "uuid-" + from, from, "uuid-" + to, to,
                new HostRule(RuleSubject.CpuAverage, 25), "because", new Prediction(100, 50, 26, 76, 63, 63));
    }

    @Test
    void eachStepIsRecordedAndTheFactsFollowTheLog(TestDatabase db) {
        Database database = db.database();
        int poolId = pool(database, "pool-facts");
        MigrationLog log = new MigrationLog(database);

        long ok = log.planned(poolId, null, move("VM2", "Host2", "Host1"), T0);
        assertThat(log.inFlight(poolId)).extracting(MigrationEntry::state).containsExactly(MigrationState.PLANNED);
        log.launched(ok, "OpaqueRef:task-1", T0.plusSeconds(1));
        assertThat(log.inFlight(poolId)).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(MigrationState.LAUNCHED);
            assertThat(e.taskRef()).isEqualTo("OpaqueRef:task-1");
        });
        MigrationFacts inFlight = log.facts(poolId, T0.plusSeconds(5), Duration.ofDays(2));
        assertThat(inFlight.vmsInFlight()).containsExactly("uuid-VM2");
        assertThat(inFlight.hostsInFlight()).containsExactlyInAnyOrder("uuid-Host1", "uuid-Host2");

        log.finished(ok, MigrationState.SUCCEEDED, null, T0.plusSeconds(13));
        MigrationEntry done = log.byId(ok).orElseThrow();
        assertThat(done.durationMs()).isEqualTo(12_000L);
        assertThat(log.inFlight(poolId)).isEmpty();

        long failed1 = log.planned(poolId, null, move("VM3", "Host2", "Host1"), T0.plusSeconds(20));
        log.launched(failed1, "OpaqueRef:task-2", T0.plusSeconds(20));
        log.finished(failed1, MigrationState.FAILED, "VM_MIGRATE_FAILED vm src dst boom", T0.plusSeconds(30));
        long failed2 = log.planned(poolId, null, move("VM3", "Host2", "Host1"), T0.plusSeconds(40));
        log.finished(failed2, MigrationState.TIMEOUT, null, T0.plusSeconds(50));

        MigrationFacts facts = log.facts(poolId, T0.plusSeconds(60), Duration.ofDays(2));
        assertThat(facts.vmLastMoved("uuid-VM2")).contains(T0.plusSeconds(13));
        assertThat(facts.hostLastChanged("uuid-Host1")).contains(T0.plusSeconds(13));
        assertThat(facts.hostLastChanged("uuid-Host2")).contains(T0.plusSeconds(13));
        assertThat(facts.vmLastMoved("uuid-VM3")).isEmpty();
        assertThat(facts.failures("uuid-VM3")).hasValueSatisfying(f -> {
            assertThat(f.consecutiveFailures()).isEqualTo(2);
            assertThat(f.lastFailedAt()).isEqualTo(T0.plusSeconds(50));
        });
        assertThat(facts.vmsInFlight()).isEmpty();

        long success = log.planned(poolId, null, move("VM3", "Host2", "Host1"), T0.plusSeconds(70));
        log.finished(success, MigrationState.SUCCEEDED, null, T0.plusSeconds(80));
        assertThat(log.facts(poolId, T0.plusSeconds(90), Duration.ofDays(2)).failures("uuid-VM3"))
                .as("a success ends the run of failures").isEmpty();
        assertThat(log.facts(pool(database, "other-pool"), T0.plusSeconds(90), Duration.ofDays(2)).vmLastMovedAt())
                .as("pools are kept apart").isEmpty();
    }

    @Test
    void theMeasuredEffectComesFromTheFirstSamplesAfterTheMigration(TestDatabase db) {
        Database database = db.database();
        int poolId = pool(database, "pool-measured");
        MigrationLog log = new MigrationLog(database);
        long id = log.planned(poolId, null, move("VM2", "Host2", "Host1"), T0);
        log.finished(id, MigrationState.SUCCEEDED, null, T0.plusSeconds(10));
        assertThat(log.fillMeasuredEffects(poolId)).as("no sample after it yet").isZero();

        for (String host : new String[] {"uuid-Host1", "uuid-Host2"}) {
            database.dsl().insertInto(HOSTSAMPLE, HOSTSAMPLE.PoolId, HOSTSAMPLE.HostUuid, HOSTSAMPLE.Resolution,
                    HOSTSAMPLE.SampledAt, HOSTSAMPLE.CpuAverage)
                    .values(poolId, host, "raw", UtcTime.toUtc(T0.minusSeconds(50)), 99.0)
                    .values(poolId, host, "raw", UtcTime.toUtc(T0.plusSeconds(60)), host.endsWith("1") ? 74.0 : 52.0)
                    .values(poolId, host, "raw", UtcTime.toUtc(T0.plusSeconds(120)), 10.0)
                    .execute();
        }
        assertThat(log.fillMeasuredEffects(poolId)).isEqualTo(1);
        var row = database.dsl().fetchOne(MIGRATION, MIGRATION.Id.eq(id));
        assertThat(row.getMeasuredSourceAfter()).isEqualTo(52.0);
        assertThat(row.getMeasuredDestinationAfter()).isEqualTo(74.0);
    }

    /**
     * An AND rule's move is measured as the part its prediction was of: the part with the logged threshold, or when
     * both parts share it, the one the reason names; a row that cannot tell (no such reason) stays unmeasured
     * rather than show another quantity beside the prediction.
     */
    @Test
    void anAndRulesMoveIsMeasuredAsThePartItsPredictionWasOf(TestDatabase db) {
        Database database = db.database();
        int poolId = pool(database, "pool-and-measured");
        MigrationLog log = new MigrationLog(database);
        RulePart cpu20 = RulePart.of(RuleSubject.CpuAverage, 20);
        RulePart memory20 = RulePart.of(RuleSubject.OccupiedMemoryPercent, 20);
        HostRule tie = HostRule.allOf(List.of(cpu20, memory20));
        long named = log.planned(poolId, null, ruleMove("and", tie, memory20, "...; " + PredictedPart.clause(memory20)
                + "; Host2 then keeps the rule"), T0);
        long unnamed = log.planned(poolId, null, ruleMove("and", tie, memory20, "an older reason naming no part"), T0);
        RulePart cpu25 = RulePart.of(RuleSubject.CpuAverage, 25);
        long byThreshold = log.planned(poolId, null, ruleMove("and", HostRule.allOf(List.of(cpu25, memory20)), cpu25,
                "an older reason naming no part"), T0);
        for (long id : new long[] {named, unnamed, byThreshold}) {
            log.finished(id, MigrationState.SUCCEEDED, null, T0.plusSeconds(10));
        }
        samplesAfterTheMoves(database, poolId, "and");

        assertThat(log.fillMeasuredEffects(poolId)).isEqualTo(2);
        var memory = database.dsl().fetchOne(MIGRATION, MIGRATION.Id.eq(named));
        assertThat(memory.getRuleSubject()).isEqualTo("CpuAverage 20 AND OccupiedMemoryPercent 20");
        assertThat(memory.getMeasuredSourceAfter()).isEqualTo(70.0);
        assertThat(memory.getMeasuredDestinationAfter()).isEqualTo(40.0);
        var cpu = database.dsl().fetchOne(MIGRATION, MIGRATION.Id.eq(byThreshold));
        assertThat(cpu.getRuleThreshold()).isEqualTo(25.0);
        assertThat(cpu.getMeasuredSourceAfter()).isEqualTo(52.0);
        assertThat(cpu.getMeasuredDestinationAfter()).isEqualTo(74.0);
        var unknown = database.dsl().fetchOne(MIGRATION, MIGRATION.Id.eq(unnamed));
        assertThat(unknown.getMeasuredSourceAfter()).isNull();
        assertThat(unknown.getMeasuredDestinationAfter()).isNull();
    }

    /**
     * A SCORE rule's move is measured as the score with the weights it was logged with: after the rule was changed
     * (other weights) and after it was deleted, before any control run could measure it, the row alone says what
     * to measure.
     */
    @Test
    void aScoreRulesMoveIsMeasuredFromTheLoggedRuleAfterTheRuleChangedOrWentAway(TestDatabase db) {
        Database database = db.database();
        int poolId = pool(database, "pool-score-measured");
        MigrationLog log = new MigrationLog(database);
        RuleRepository rules = new RuleRepository(database);
        HostRule score = HostRule.score(List.of(new RulePart.WeightedSubject(RuleSubject.CpuAverage, 0.7),
                new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, 0.3)), 15);
        rules.save(poolId, score);
        PlannedMove move = ruleMove("score", score, score.parts().get(0), "Host2 violates " + score.text());
        long changed = log.planned(poolId, null, move, T0);
        long deleted = log.planned(poolId, null, move, T0);
        log.finished(changed, MigrationState.SUCCEEDED, null, T0.plusSeconds(10));
        // The administrator weighs CPU and memory alike now (the same rule, replaced) ...
        rules.save(poolId, HostRule.score(List.of(new RulePart.WeightedSubject(RuleSubject.CpuAverage, 1),
                new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, 1)), 15));
        samplesAfterTheMoves(database, poolId, "score");
        assertThat(log.fillMeasuredEffects(poolId)).isEqualTo(1);
        // ... then deletes it before the run that measures the second move.
        rules.delete(poolId, score);
        log.finished(deleted, MigrationState.SUCCEEDED, null, T0.plusSeconds(10));
        assertThat(log.fillMeasuredEffects(poolId)).isEqualTo(1);

        // Host2 (the source): 0.7 x 52 % CPU + 0.3 x 70 % memory; Host1: 0.7 x 74 + 0.3 x 40.
        for (long id : new long[] {changed, deleted}) {
            var row = database.dsl().fetchOne(MIGRATION, MIGRATION.Id.eq(id));
            assertThat(row.getRuleSubject()).isEqualTo("SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15");
            assertThat(row.getMeasuredSourceAfter()).isCloseTo(57.4, within(1e-9));
            assertThat(row.getMeasuredDestinationAfter()).isCloseTo(63.8, within(1e-9));
        }
    }

    /** After the moves Host1 (the destination) runs 74 % CPU and 40 % of its memory, Host2 52 % and 70 %. */
    private static void samplesAfterTheMoves(Database database, int poolId, String hosts) {
        database.dsl().insertInto(HOSTSAMPLE, HOSTSAMPLE.PoolId, HOSTSAMPLE.HostUuid, HOSTSAMPLE.Resolution,
                HOSTSAMPLE.SampledAt, HOSTSAMPLE.CpuAverage, HOSTSAMPLE.MemoryTotalMb, HOSTSAMPLE.MemoryFreeMb)
                .values(poolId, hosts + "-Host1", "raw", UtcTime.toUtc(T0.plusSeconds(60)), 74.0, 1000L, 600L)
                .values(poolId, hosts + "-Host2", "raw", UtcTime.toUtc(T0.plusSeconds(60)), 52.0, 1000L, 300L)
                .execute();
    }

    /**
     * Host2 -> Host1 for an AND or SCORE rule, predicted (in the part's unit) for the given part; the hosts' UUIDs
     * begin with hosts (a host's samples are its own whatever the pool).
     */
    private static PlannedMove ruleMove(String hosts, HostRule rule, RulePart predicted, String reason) {
        return new PlannedMove("uuid-VM2", "VM2", 2048, hosts + "-Host2", "Host2", hosts + "-Host1", "Host1", rule, reason,
                new Prediction(90, 60, 30, 45, 50, 50, predicted));
    }

    @Test
    void onlyOneControllerHoldsAPoolAtATime(TestDatabase db) {
        Database database = db.database();
        Optional<PoolLock> first = PoolLock.tryAcquire(database, PoolLock.Holder.CONTROLLER, "pool-lock");
        assertThat(first).isPresent();
        assertThat(PoolLock.tryAcquire(database, PoolLock.Holder.CONTROLLER, "pool-lock")).isEmpty();
        try (PoolLock other = PoolLock.tryAcquire(database, PoolLock.Holder.CONTROLLER, "another-pool").orElseThrow()) {
            assertThat(other).isNotNull();
        }
        first.get().close();
        PoolLock again = PoolLock.tryAcquire(database, PoolLock.Holder.CONTROLLER, "pool-lock").orElseThrow();
        again.close();
    }
}
