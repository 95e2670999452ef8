package org.xcpbalancer.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RulePart;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * Every report in docs/reports/, run as written on two pools with known history and the same host names, each
 * for one pool chosen with SET @pool (by name or uuid), as docs/reports/README.md tells: only that pool's rows.
 */
@ExtendWith(MariaDbExtension.class)
class ReportsTest {
    private static final Path REPORTS = Path.of("..", "docs", "reports");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @BeforeAll
    static void paperPoolWithHistory(TestDatabase db) {
        DSLContext dsl = db.database().dsl();
        dsl.execute("INSERT INTO Pool (Id, UUID, Name) VALUES (1, 'p', 'Main Pool')");
        dsl.execute("INSERT INTO Host (UUID, Name, PoolId, CpuAverage, MemoryTotalMb, MemoryFreeMb, CpuNum) VALUES "
                + "('h1', 'Host1', 1, 26, 4069, 2200, 4), ('h2', 'Host2', 1, 100, 4069, 2000, 4)");
        dsl.execute("INSERT INTO Vm (UUID, Name, PoolId, VcpuAverage, VcpuNum, PowerState, IsControlDomain, MemoryMb) VALUES "
                + "('v1', 'VM1 - Debian', 1, 50, 2, 'Running', 0, 1024), ('v2', 'VM2 - Debian', 1, 100, 2, 'Running', 0, 256), "
                + "('v3', 'VM3 - Ubuntu', 1, 67, 3, 'Running', 0, 1024), ('d1', 'Control domain on host: Host1', 1, 2, 4, 'Running', 1, 800)");
        dsl.execute("INSERT INTO Map (HostUuid, VmUuid) VALUES ('h1', 'v1'), ('h2', 'v2'), ('h2', 'v3'), ('h1', 'd1')");
        dsl.execute("INSERT INTO HostRule (Subject, Threshold, PoolId) VALUES ('CpuAverage', 25, 1)");
        // Ten samples a minute apart: Host2 is 74 points above Host1 in the first six, balanced in the last four.
        for (int i = 0; i < 10; i++) {
            var at = UtcTime.toUtc(NOW.minus(10 - i, ChronoUnit.MINUTES));
            boolean unbalanced = i < 6;
            dsl.execute("INSERT INTO HostSample (PoolId, HostUuid, Resolution, SampledAt, CpuAverage, MemoryTotalMb, MemoryFreeMb) VALUES "
                    + "(1, 'h1', 'raw', ?, ?, 4069, 2200), (1, 'h2', 'raw', ?, ?, 4069, 2000)",
                    at, unbalanced ? 26.0 : 55.0, at, unbalanced ? 100.0 : 60.0);
        }
        dsl.execute("INSERT INTO Migration (PoolId, VmUuid, SourceHostUuid, DestinationHostUuid, State, CreatedAt, DurationMs) VALUES "
                + "(1, 'v2', 'h2', 'h1', 'succeeded', ?, 4000), (1, 'v3', 'h2', 'h1', 'failed', ?, NULL), (1, 'v1', 'h1', 'h2', 'succeeded', ?, 6000)",
                UtcTime.toUtc(NOW), UtcTime.toUtc(NOW), UtcTime.toUtc(NOW));
        otherPoolWithTheSameHostNames(dsl);
        poolWithCombinedRules(db);
    }

    private static final HostRule CPU_AND_MEMORY = HostRule.allOf(List.of(RulePart.of(RuleSubject.CpuAverage, 20),
            RulePart.of(RuleSubject.OccupiedMemoryPercent, 20)));
    /** Weights 4 and 1 are shares 0.8 and 0.2. */
    private static final HostRule SCORE = HostRule.score(List.of(new RulePart.WeightedSubject(RuleSubject.CpuAverage, 4),
            new RulePart.WeightedSubject(RuleSubject.OccupiedMemoryPercent, 1)), 25);

    /**
     * A third pool with a single-subject, an AND and a SCORE rule, stored as xcp-manager stores them. In four of
     * six samples (CPU average 60 %, memory average 40 %): Busy runs CPU +25 and memory +50 points above (both AND
     * parts over, score +30), CpuOnly CPU +35 and memory -30 (one AND part over, score +22 under 25: only the
     * CpuAverage 30 rule), Quiet is below both. In the other two every host is alike.
     */
    private static void poolWithCombinedRules(TestDatabase db) {
        DSLContext dsl = db.database().dsl();
        dsl.execute("INSERT INTO Pool (Id, UUID, Name) VALUES (3, 'r', 'Rules Pool')");
        dsl.execute("INSERT INTO Host (UUID, Name, PoolId, CpuNum) VALUES ('r1', 'Busy', 3, 8), ('r2', 'CpuOnly', 3, 8), "
                + "('r3', 'Quiet', 3, 8)");
        RuleRepository rules = new RuleRepository(db.database());
        rules.save(3, new HostRule(RuleSubject.CpuAverage, 30));
        rules.save(3, CPU_AND_MEMORY);
        rules.save(3, SCORE);
        for (int i = 0; i < 6; i++) {
            var at = UtcTime.toUtc(NOW.minus(10 - i, ChronoUnit.MINUTES));
            boolean unbalanced = i < 4;
            dsl.execute("INSERT INTO HostSample (PoolId, HostUuid, Resolution, SampledAt, CpuAverage, MemoryTotalMb, MemoryFreeMb) VALUES "
                    + "(3, 'r1', 'raw', ?, ?, 1000, ?), (3, 'r2', 'raw', ?, ?, 1000, ?), (3, 'r3', 'raw', ?, ?, 1000, ?)",
                    at, unbalanced ? 85.0 : 50.0, unbalanced ? 100 : 500, at, unbalanced ? 95.0 : 50.0, unbalanced ? 900 : 500,
                    at, unbalanced ? 0.0 : 50.0, unbalanced ? 800 : 500);
        }
    }

    /** A second pool whose hosts are also called Host1 and Host2, busier, with its own rule and migrations. */
    private static void otherPoolWithTheSameHostNames(DSLContext dsl) {
        dsl.execute("INSERT INTO Pool (Id, UUID, Name) VALUES (2, 'q', 'Other Pool')");
        dsl.execute("INSERT INTO Host (UUID, Name, PoolId, CpuAverage, MemoryTotalMb, MemoryFreeMb, CpuNum) VALUES "
                + "('g1', 'Host1', 2, 90, 8192, 1000, 8), ('g2', 'Host2', 2, 10, 8192, 7000, 8)");
        dsl.execute("INSERT INTO Vm (UUID, Name, PoolId, VcpuAverage, VcpuNum, PowerState, IsControlDomain, MemoryMb) VALUES "
                + "('w1', 'Big VM', 2, 100, 8, 'Running', 0, 4096)");
        dsl.execute("INSERT INTO Map (HostUuid, VmUuid) VALUES ('g1', 'w1')");
        dsl.execute("INSERT INTO HostRule (Subject, Threshold, PoolId) VALUES ('CpuAverage', 10, 2)");
        for (int i = 0; i < 10; i++) {
            var at = UtcTime.toUtc(NOW.minus(10 - i, ChronoUnit.MINUTES));
            dsl.execute("INSERT INTO HostSample (PoolId, HostUuid, Resolution, SampledAt, CpuAverage, MemoryTotalMb, MemoryFreeMb) VALUES "
                    + "(2, 'g1', 'raw', ?, 90, 8192, 1000), (2, 'g2', 'raw', ?, 10, 8192, 7000)", at, at);
        }
        dsl.execute("INSERT INTO Migration (PoolId, VmUuid, SourceHostUuid, DestinationHostUuid, State, CreatedAt, DurationMs) VALUES "
                + "(2, 'w1', 'g2', 'g1', 'succeeded', ?, 60000)", UtcTime.toUtc(NOW));
    }

    /** The report for the main pool, asked by name; every row must be that pool's. */
    private static Result<Record> run(TestDatabase db, String report) throws IOException {
        Result<Record> rows = run(db, report, "Main Pool");
        assertThat(rows.getValues("Pool", String.class)).as(report).containsOnly("Main Pool");
        return rows;
    }

    /** The report as an administrator runs it: SET @pool, then the file, on one session. */
    static Result<Record> run(TestDatabase db, String report, String pool) throws IOException {
        String sql = SqlScript.single(REPORTS.resolve(report));
        return db.database().dsl().connectionResult(connection -> {
            DSLContext session = DSL.using(connection, db.database().dsl().dialect());
            session.execute("SET @pool = ?", pool);
            return session.fetch(sql);
        });
    }

    @Test
    void everyReportForTheOtherPoolByUuidHasOnlyItsRows(TestDatabase db) throws IOException {
        for (String report : new String[] {"load-per-host-now.sql", "load-per-host-over-a-day.sql", "top-vms-by-cpu.sql",
                "migrations-per-day.sql", "rule-violations.sql"}) {
            Result<Record> rows = run(db, report, "q");
            assertThat(rows).as(report).isNotEmpty();
            assertThat(rows.getValues("Pool", String.class)).as(report).containsOnly("Other Pool");
        }
        assertThat(run(db, "load-per-host-over-a-day.sql", "q").getValues("CpuPercentMax", Double.class)).containsOnly(90.0, 10.0);
        assertThat(run(db, "top-vms-by-cpu.sql", "q").getValues("Vm", String.class)).containsExactly("Big VM");
        assertThat(run(db, "migrations-per-day.sql", "q").getValues("MeanSeconds", Double.class)).containsExactly(60.0);
        assertThat(run(db, "rule-violations.sql", "q").getValues("Host", String.class)).containsExactly("Host1");
    }

    @Test
    void withoutAPoolEveryRowNamesItsOwnPool(TestDatabase db) throws IOException {
        Result<Record> rows = run(db, "load-per-host-over-a-day.sql", null);
        assertThat(rows.stream().filter(r -> r.get("Host").equals("Host2")).map(r -> r.get("Pool", String.class)))
                .contains("Main Pool", "Other Pool");
        assertThat(rows.stream().filter(r -> r.get("Pool").equals("Main Pool") && r.get("Host").equals("Host2"))
                .mapToDouble(r -> r.get("CpuPercentMax", Double.class)).max().orElseThrow()).isEqualTo(100.0);
    }

    @Test
    void loadPerHostNow(TestDatabase db) throws IOException {
        Result<Record> rows = run(db, "load-per-host-now.sql");
        assertThat(rows.getValues("Host", String.class)).containsExactly("Host2", "Host1");
        assertThat(rows.get(0).get("MemoryUsedMb", Long.class)).isEqualTo(2069L);
        assertThat(rows.getValues("Guests", Integer.class)).containsExactly(2, 1);
    }

    @Test
    void loadPerHostOverADay(TestDatabase db) throws IOException {
        Result<Record> rows = run(db, "load-per-host-over-a-day.sql");
        assertThat(rows.stream().filter(r -> r.get("Host").equals("Host2")).mapToInt(r -> r.get("Samples", Integer.class)).sum()).isEqualTo(10);
        assertThat(rows.stream().filter(r -> r.get("Host").equals("Host2")).mapToDouble(r -> r.get("CpuPercentMax", Double.class)).max().orElseThrow()).isEqualTo(100.0);
    }

    @Test
    void topVmsByCpu(TestDatabase db) throws IOException {
        Result<Record> rows = run(db, "top-vms-by-cpu.sql");
        assertThat(rows.getValues("Vm", String.class)).containsExactly("VM3 - Ubuntu", "VM2 - Debian", "VM1 - Debian");
        assertThat(rows.getValues("CoresUsed", Double.class)).containsExactly(2.01, 2.0, 1.0);
    }

    @Test
    void migrationsPerDay(TestDatabase db) throws IOException {
        Result<Record> rows = run(db, "migrations-per-day.sql");
        assertThat(rows).hasSize(2);
        Record succeeded = rows.stream().filter(r -> r.get("Outcome").equals("succeeded")).findFirst().orElseThrow();
        assertThat(succeeded.get("Migrations", Integer.class)).isEqualTo(2);
        assertThat(succeeded.get("MeanSeconds", Double.class)).isEqualTo(5.0);
    }

    @Test
    void ruleViolationsCoverAndRulesWhenEveryPartIsOverAndScoreRulesOverTheirThreshold(TestDatabase db) throws IOException {
        Result<Record> rows = run(db, "rule-violations.sql", "Rules Pool");
        assertThat(rows.getValues("Pool", String.class)).containsOnly("Rules Pool");
        assertThat(rows.stream().map(r -> r.get("Rule", String.class) + " | " + r.get("Host", String.class) + " | "
                + r.get("Threshold", Double.class) + " | " + r.get("SamplesInViolation", Integer.class)))
                .containsExactlyInAnyOrder(
                        "CpuAverage | CpuOnly | 30.0 | 4",
                        "CpuAverage 20 AND OccupiedMemoryPercent 20 | Busy | null | 4",
                        "SCORE CpuAverage*4 + OccupiedMemoryPercent*1 25 | Busy | 25.0 | 4");
        assertThat(rows.getValues("Rule", String.class)).as("named as decisions and migrations name them")
                .contains(CPU_AND_MEMORY.logName(), SCORE.logName());
        Record and = rows.stream().filter(r -> r.get("Rule", String.class).contains(" AND ")).findFirst().orElseThrow();
        assertThat(and.get("FirstSeen", java.time.LocalDateTime.class)).isEqualTo(UtcTime.toUtc(NOW.minus(10, ChronoUnit.MINUTES)));
        assertThat(and.get("LastSeen", java.time.LocalDateTime.class)).isEqualTo(UtcTime.toUtc(NOW.minus(7, ChronoUnit.MINUTES)));
    }

    @Test
    void ruleViolationsCountTheSamplesAboveAveragePlusThreshold(TestDatabase db) throws IOException {
        Result<Record> rows = run(db, "rule-violations.sql");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("Host", String.class)).isEqualTo("Host2");
        assertThat(rows.get(0).get("Rule", String.class)).isEqualTo("CpuAverage");
        assertThat(rows.get(0).get("SamplesInViolation", Integer.class)).isEqualTo(6);
    }
}
