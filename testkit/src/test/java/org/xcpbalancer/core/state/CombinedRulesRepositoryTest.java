package org.xcpbalancer.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcpbalancer.core.db.generated.Tables.POOL;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** AND and SCORE rules stored beside the original HostRule rows (V7), on a real MariaDB. */
@ExtendWith(MariaDbExtension.class)
class CombinedRulesRepositoryTest {
    private static int poolId;
    private static final HostRule AND = HostRule.allOf(List.of(RulePart.of(RuleSubject.CpuAverage, 25),
            RulePart.of(RuleSubject.OccupiedMemoryPercent, 20)));
    private static final HostRule SCORE = HostRule.score(List.of(
            new RulePart.WeightedSubject(RuleSubject.CpuAverage, 0.7),
            new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, 0.3)), 15);

    @BeforeAll
    static void pool(TestDatabase db) {
        poolId = db.database().dsl().insertInto(POOL, POOL.UUID, POOL.Name).values("rules-pool", "Rules Pool")
                .returning(POOL.Id).fetchOne().getId();
    }

    @Test
    void singleAndCombinedRulesAreReadBackInOrderReplacedBySubjectsAndDeleted(TestDatabase db) throws Exception {
        RuleRepository rules = new RuleRepository(db.database());
        HostRule cpu = new HostRule(RuleSubject.CpuAverage, 30);
        rules.save(poolId, cpu);
        Thread.sleep(5);
        rules.save(poolId, AND);
        Thread.sleep(5);
        rules.save(poolId, SCORE);
        assertThat(rules.rules(poolId)).containsExactly(cpu, AND, SCORE);

        // The same subjects in another order, new thresholds: the AND rule is replaced, not doubled.
        HostRule tighter = HostRule.allOf(List.of(RulePart.of(RuleSubject.OccupiedMemoryPercent, 10),
                RulePart.of(RuleSubject.CpuAverage, 15)));
        assertThat(rules.sameAs(poolId, tighter)).contains(AND);
        rules.save(poolId, tighter);
        assertThat(rules.rules(poolId)).containsExactly(cpu, tighter, SCORE);
        assertThat(tighter.text()).isEqualTo("OccupiedMemoryPercent 10 AND CpuAverage 15");
        assertThat(SCORE.text()).isEqualTo("SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15");

        // The original tool's SQL still reads the single rule, and only it.
        List<String> legacy = new ArrayList<>();
        try (var connection = db.database().dataSource().getConnection();
                ResultSet rows = connection.createStatement().executeQuery("SELECT Subject, Threshold FROM HostRule")) {
            while (rows.next()) {
                legacy.add(rows.getString(1) + " " + rows.getDouble(2));
            }
        }
        assertThat(legacy).containsExactly("CpuAverage 30.0");

        assertThat(rules.delete(poolId, SCORE)).isTrue();
        assertThat(rules.delete(poolId, SCORE)).isFalse();
        assertThat(rules.delete(poolId, AND)).as("same subjects, whatever the thresholds").isTrue();
        assertThat(rules.rules(poolId)).containsExactly(cpu);
        rules.delete(poolId, cpu);
    }

    @Test
    void badCombinationsAreRefusedWithOneLineNamingWhatIsWrong() {
        assertThatThrownBy(() -> HostRule.score(List.of(new RulePart.WeightedSubject(RuleSubject.CpuAverage, 1),
                new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryMb, 1)), 15))
                .hasMessage("OccupiedMemoryMb is in MB: a score weighs only percentage subjects (CpuAverage, OccupiedMemoryPercent)");
        assertThatThrownBy(() -> HostRule.allOf(List.of(RulePart.of(RuleSubject.CpuAverage, 25),
                RulePart.of(RuleSubject.CpuAverage, 30)))).hasMessage("CpuAverage appears twice in the rule");
        assertThatThrownBy(() -> HostRule.score(List.of(new RulePart.WeightedSubject(RuleSubject.CpuAverage, 0.7),
                new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, -0.3)), 15))
                .hasMessageContaining("the weight of OccupiedMemoryPercent must be a number more than 0");
        assertThatThrownBy(() -> HostRule.score(List.of(new RulePart.WeightedSubject(RuleSubject.CpuAverage, 0.7),
                new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, 0.3)), 150))
                .hasMessageContaining("at most 100 %");
    }
}
