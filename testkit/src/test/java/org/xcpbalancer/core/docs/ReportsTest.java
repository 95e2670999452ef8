package org.xcpbalancer.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** Every report in docs/reports/, run as written on a small pool with known history. */
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
    }

    private static Result<Record> run(TestDatabase db, String report) throws IOException {
        return db.database().dsl().fetch(SqlScript.single(REPORTS.resolve(report)));
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
    void ruleViolationsCountTheSamplesAboveAveragePlusThreshold(TestDatabase db) throws IOException {
        Result<Record> rows = run(db, "rule-violations.sql");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("Host", String.class)).isEqualTo("Host2");
        assertThat(rows.get(0).get("Rule", String.class)).isEqualTo("CpuAverage");
        assertThat(rows.get(0).get("SamplesInViolation", Integer.class)).isEqualTo(6);
    }
}
