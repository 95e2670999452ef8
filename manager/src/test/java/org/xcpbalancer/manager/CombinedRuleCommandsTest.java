package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.control.log.MigrationLog;
import org.xcpbalancer.control.log.MigrationState;
import org.xcpbalancer.control.plan.PlannedMove;
import org.xcpbalancer.control.plan.Prediction;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PredictedPart;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.manager.console.OutputFormat;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** Issue 14's rules in the console: OccupiedMemoryPercent, AND and SCORE rules created, shown and deleted. */
@ExtendWith(MariaDbExtension.class)
class CombinedRuleCommandsTest {
    private static int poolId;
    private final TestDatabase db;
    private final ConsoleDriver console;
    private final RuleRepository rules;

    CombinedRuleCommandsTest(TestDatabase db) {
        this.db = db;
        this.console = new ConsoleDriver(db.database());
        this.rules = new RuleRepository(db.database());
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        poolId = PaperPoolFixture.insert(db.database());
    }

    @BeforeEach
    void noRulesNorMigrations() {
        rules.rules(poolId).forEach(r -> rules.delete(poolId, r));
        // each test sees only the migrations it logs (the fixture's too would be measured by fillMeasuredEffects)
        db.database().dsl().deleteFrom(MIGRATION).where(MIGRATION.PoolId.eq(poolId)).execute();
    }

    @Test
    void oneLineFormsAreCreatedShownInTheOriginalSentencesAndDeleted() {
        var created = console.piped(
                "CREATE RULE HOST OccupiedMemoryPercent 30",
                "CREATE RULE HOST CpuAverage 25 AND OccupiedMemoryPercent 20",
                "CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15",
                "SHOW RULES HOST");
        assertThat(created.err()).isEmpty();
        assertThat(created.outLines()).containsExactly(
                "When OccupiedMemoryPercent is more than 30 % above the medium migrate to the less loaded host",
                "Rule saved.",
                "When CpuAverage is more than 25 % above the medium and OccupiedMemoryPercent is more than 20 % above"
                        + " the medium migrate to the less loaded host",
                "Rule saved.",
                "When the score CpuAverage*0.7 + OccupiedMemoryPercent*0.3 is more than 15 % above the medium migrate"
                        + " to the less loaded host",
                "Rule saved.",
                "Rules - Balance host when:",
                "- OccupiedMemoryPercent is more than 30 % above the medium",
                "- CpuAverage is more than 25 % above the medium and OccupiedMemoryPercent is more than 20 % above the medium",
                "- the score CpuAverage*0.7 + OccupiedMemoryPercent*0.3 is more than 15 % above the medium");

        // The same subjects again (other order, spaces, new numbers): replaced, and said so.
        var replaced = console.piped("CREATE RULE HOST OccupiedMemoryPercent 10 AND CpuAverage 30",
                "CREATE RULE HOST SCORE 1*OccupiedMemoryPercent+CpuAverage * 3 12");
        assertThat(replaced.outLines()).contains(
                "Rule saved (it replaces: CpuAverage is more than 25 % above the medium and OccupiedMemoryPercent is"
                        + " more than 20 % above the medium).",
                "Rule saved (it replaces: the score CpuAverage*0.7 + OccupiedMemoryPercent*0.3 is more than 15 % above"
                        + " the medium).");
        assertThat(rules.rules(poolId)).hasSize(3);

        var deleted = console.piped("DELETE RULE HOST CpuAverage AND OccupiedMemoryPercent",
                "DELETE RULE HOST SCORE CpuAverage + OccupiedMemoryPercent", "DELETE RULE HOST OccupiedMemoryPercent",
                "SHOW RULES HOST");
        assertThat(deleted.err()).isEmpty();
        assertThat(deleted.outLines()).containsExactly(
                "Rule deleted: OccupiedMemoryPercent is more than 10 % above the medium and CpuAverage is more than 30 %"
                        + " above the medium",
                "Rule deleted: the score OccupiedMemoryPercent*1 + CpuAverage*3 is more than 12 % above the medium",
                "Rule deleted: OccupiedMemoryPercent is more than 30 % above the medium",
                "Rules - Balance host when:",
                "(no rules: xcp-control moves nothing; CREATE RULE HOST adds one)");
        assertThat(rules.rules(poolId)).isEmpty();
    }

    @Test
    void promptedFormsAskForEachThresholdOrTheWeightsThenConfirm() {
        var and = console.interactive("CREATE RULE HOST", "CpuAverage AND OccupiedMemoryPercent", "25", "20", "Y");
        assertThat(and.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(and.out()).contains("Is more than [%] for CpuAverage:", "Is more than [%] for OccupiedMemoryPercent:",
                "When CpuAverage is more than 25 % above the medium and OccupiedMemoryPercent is more than 20 % above the"
                        + " medium migrate to the less loaded host", "Rule saved.");

        var score = console.interactive("CREATE RULE HOST", "SCORE", "CpuAverage*0.7 + OccupiedMemoryMb*0.3",
                "CpuAverage*0.7 + OccupiedMemoryPercent*0.3", "15", "Y");
        assertThat(score.out()).contains("Weigh [e.g. CpuAverage*0.7 + OccupiedMemoryPercent*0.3]:",
                "OccupiedMemoryMb is in MB: a score weighs only percentage subjects (CpuAverage, OccupiedMemoryPercent);"
                        + " answer again",
                "When the score CpuAverage*0.7 + OccupiedMemoryPercent*0.3 is more than 15 % above the medium", "Rule saved.");
        assertThat(rules.rules(poolId)).containsExactly(
                HostRule.allOf(List.of(RulePart.of(RuleSubject.CpuAverage, 25), RulePart.of(RuleSubject.OccupiedMemoryPercent, 20))),
                HostRule.score(List.of(new RulePart.WeightedSubject(RuleSubject.CpuAverage, 0.7),
                        new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, 0.3)), 15));
    }

    @Test
    void showRulesAsJsonGivesEachFormItsParts() throws Exception {
        console.piped("CREATE RULE HOST CpuAverage 25", "CREATE RULE HOST CpuAverage 25 AND OccupiedMemoryPercent 20",
                "CREATE RULE HOST SCORE CpuAverage*0.7 + OccupiedMemoryPercent*0.3 15");
        JsonNode json = new ObjectMapper().readTree(console.format(OutputFormat.JSON).piped("SHOW RULES HOST").out());
        JsonNode all = json.get("rules");

        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("subject").asText()).isEqualTo("CpuAverage");
        assertThat(all.get(1).get("form").asText()).isEqualTo("AND");
        assertThat(all.get(1).get("rule").asText()).isEqualTo("CpuAverage 25 AND OccupiedMemoryPercent 20");
        assertThat(all.get(1).get("parts").get(1).get("threshold").asDouble()).isEqualTo(20);
        assertThat(all.get(2).get("form").asText()).isEqualTo("SCORE");
        assertThat(all.get(2).get("threshold").asDouble()).isEqualTo(15);
        assertThat(all.get(2).get("parts").get(0).get("weight").asDouble()).isEqualTo(0.7);
        assertThat(all.get(2).get("text").asText())
                .isEqualTo("the score CpuAverage*0.7 + OccupiedMemoryPercent*0.3 is more than 15 % above the medium");
    }

    /**
     * A migration for an AND rule, logged and then measured by xcp-control's own MigrationLog: SHOW MIGRATIONS shows
     * the predicted and the measured values side by side, both of the part that decided the move (memory here:
     * the hosts' CPU, 90 and 10 %, must not appear as measured).
     */
    @Test
    void showMigrationsShowsAnAndRulesMoveMeasuredAsThePartItWasPredictedFor() {
        RulePart memory = RulePart.of(RuleSubject.OccupiedMemoryPercent, 20);
        HostRule rule = HostRule.allOf(List.of(RulePart.of(RuleSubject.CpuAverage, 20), memory));
        MigrationLog log = new MigrationLog(db.database());
        Instant at = PaperPoolFixture.NOW.plus(Duration.ofHours(1));
        long id = log.planned(poolId, null, new PlannedMove(PaperPoolFixture.VM3, "VM3 - Ubuntu", 1024,
                PaperPoolFixture.HOST2, "Host2", PaperPoolFixture.HOST1, "Host1", rule,
                "Host2 violates " + rule.text() + "; " + PredictedPart.clause(memory),
                new Prediction(62.5, 37.3, 32.5, 57.7, 47.5, 47.5, memory)), at);
        log.finished(id, MigrationState.SUCCEEDED, null, at.plusSeconds(10));
        db.database().dsl().insertInto(HOSTSAMPLE, HOSTSAMPLE.PoolId, HOSTSAMPLE.HostUuid, HOSTSAMPLE.Resolution,
                        HOSTSAMPLE.SampledAt, HOSTSAMPLE.CpuAverage, HOSTSAMPLE.MemoryTotalMb, HOSTSAMPLE.MemoryFreeMb)
                .values(poolId, PaperPoolFixture.HOST1, "raw", UtcTime.toUtc(at.plusSeconds(60)), 90.0, 4069L, 1000L)
                .values(poolId, PaperPoolFixture.HOST2, "raw", UtcTime.toUtc(at.plusSeconds(60)), 10.0, 4069L, 2000L)
                .execute();
        assertThat(log.fillMeasuredEffects(poolId)).isEqualTo(1);

        List<String> lines = console.piped("SHOW MIGRATIONS").outLines();
        // Newest first: Host2 is then at 2069 of 4069 MB (50.8 %), Host1 at 3069 (75.4 %).
        assertThat(lines.get(1)).contains("VM3 - Ubuntu", "CpuAverage 20 AND OccupiedMemoryPercent 20",
                "OccupiedMemoryPercent: 62.5 -> 37.3 / 32.5 -> 57.7", "50.8 / 75.4", "succeeded");
    }

    /**
     * --format json names what every row's figures are of: the subject of a single rule, the part of an AND rule
     * (the rule's text alone does not say), the score of a SCORE rule with its weights, even when that rule is
     * no longer among the pool's (none is here); the text names the AND rule's part before its figures.
     */
    @Test
    void showMigrationsNamesWhatEachRowsFiguresAreOf() throws Exception {
        RulePart memory = RulePart.of(RuleSubject.OccupiedMemoryPercent, 20);
        HostRule and = HostRule.allOf(List.of(RulePart.of(RuleSubject.CpuAverage, 25), memory));
        HostRule score = HostRule.score(List.of(new RulePart.WeightedSubject(RuleSubject.CpuAverage, 0.7),
                new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, 0.3)), 15);
        HostRule single = new HostRule(RuleSubject.CpuAverage, 25);
        MigrationLog log = new MigrationLog(db.database());
        Instant at = PaperPoolFixture.NOW.plus(Duration.ofDays(1));
        for (HostRule rule : List.of(single, and, score)) {
            RulePart predicted = rule == and ? memory : rule.parts().get(0);
            log.planned(poolId, null, new PlannedMove(PaperPoolFixture.VM3, "VM3 - Ubuntu", 1024,
                    PaperPoolFixture.HOST2, "Host2", PaperPoolFixture.HOST1, "Host1", rule,
                    "Host2 violates " + rule.text(), new Prediction(62.5, 37.3, 32.5, 57.7, 47.5, 47.5, predicted)), at);
            at = at.plusSeconds(10);
        }

        JsonNode rows = new ObjectMapper().readTree(console.format(OutputFormat.JSON).piped("SHOW MIGRATIONS LIMIT 3")
                .out()).get("migrations");
        assertThat(rows).extracting(r -> r.get("ruleSubject").asText()).containsExactly(score.text(), and.text(),
                "CpuAverage");
        assertThat(rows).extracting(r -> r.get("predictedSubject").asText()).containsExactly(
                "score CpuAverage*0.7 + OccupiedMemoryPercent*0.3", "OccupiedMemoryPercent", "CpuAverage");
        List<String> lines = console.format(OutputFormat.TEXT).piped("SHOW MIGRATIONS LIMIT 3").outLines();
        assertThat(lines.get(2)).contains("CpuAverage 25 AND OccupiedMemoryPercent 20",
                "OccupiedMemoryPercent: 62.5 -> 37.3 / 32.5 -> 57.7");
        assertThat(lines.get(1)).contains(score.text(), "  62.5 -> 37.3 / 32.5 -> 57.7");
        assertThat(lines.get(3)).contains("CpuAverage > 25", "  62.5 -> 37.3 / 32.5 -> 57.7");
    }
}
