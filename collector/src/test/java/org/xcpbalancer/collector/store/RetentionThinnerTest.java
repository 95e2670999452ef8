package org.xcpbalancer.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.VMSAMPLE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.db.generated.tables.records.HostSampleRecord;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** Raw samples older than the raw retention become hourly averages; old averages go; recent samples stay. */
@ExtendWith(MariaDbExtension.class)
class RetentionThinnerTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");

    private static void hostSample(DSLContext db, int poolId, String host, String resolution, Instant at, Double cpu) {
        db.insertInto(HOSTSAMPLE).set(HOSTSAMPLE.PoolId, poolId).set(HOSTSAMPLE.HostUuid, host)
                .set(HOSTSAMPLE.Resolution, resolution).set(HOSTSAMPLE.SampledAt, LocalDateTime.ofInstant(at, ZoneOffset.UTC))
                .set(HOSTSAMPLE.CpuAverage, cpu).set(HOSTSAMPLE.MemoryFreeMb, 1000L).execute();
    }

    @Test
    void thinsLikeAnRrdArchive(TestDatabase database) {
        DSLContext db = database.database().dsl();
        Instant oldHour = Instant.parse("2026-03-01T08:00:00Z");
        hostSample(db, 1, "h1", "raw", oldHour.plusSeconds(60), 10.0);
        hostSample(db, 1, "h1", "raw", oldHour.plusSeconds(120), 30.0);
        hostSample(db, 1, "h1", "raw", oldHour.plusSeconds(180), null);
        hostSample(db, 1, "h1", "raw", oldHour.plusSeconds(3600 + 60), 50.0);
        hostSample(db, 1, "h1", "raw", NOW.minus(Duration.ofDays(1)), 70.0);
        hostSample(db, 1, "h1", "hour", NOW.minus(Duration.ofDays(400)), 90.0);
        // another pool's history is its own business
        hostSample(db, 2, "h9", "raw", oldHour.plusSeconds(60), 99.0);
        db.insertInto(VMSAMPLE).set(VMSAMPLE.PoolId, 1).set(VMSAMPLE.VmUuid, "v1").set(VMSAMPLE.HostUuid, "h1")
                .set(VMSAMPLE.Resolution, "raw").set(VMSAMPLE.SampledAt, LocalDateTime.ofInstant(oldHour, ZoneOffset.UTC))
                .set(VMSAMPLE.VcpuAverage, 40.0).execute();

        RetentionThinner.Thinned thinned = RetentionThinner.thin(db, 1, NOW, Duration.ofDays(7), Duration.ofDays(365));

        assertThat(thinned.rawSamplesAveraged()).isEqualTo(5);
        assertThat(thinned.hourlySamplesDeleted()).isEqualTo(1);
        var hours = db.selectFrom(HOSTSAMPLE).where(HOSTSAMPLE.PoolId.eq(1), HOSTSAMPLE.Resolution.eq("hour"))
                .orderBy(HOSTSAMPLE.SampledAt).fetch();
        assertThat(hours).extracting(HostSampleRecord::getSampledAt).containsExactly(
                LocalDateTime.of(2026, 3, 1, 8, 0), LocalDateTime.of(2026, 3, 1, 9, 0));
        // NULLs are skipped: (10 + 30) / 2
        assertThat(hours.get(0).getCpuAverage()).isCloseTo(20.0, within(1e-9));
        assertThat(hours.get(0).getMemoryFreeMb()).isEqualTo(1000L);
        assertThat(hours.get(1).getCpuAverage()).isCloseTo(50.0, within(1e-9));
        assertThat(db.fetchCount(HOSTSAMPLE, HOSTSAMPLE.PoolId.eq(1).and(HOSTSAMPLE.Resolution.eq("raw")))).isEqualTo(1);
        assertThat(db.fetchCount(HOSTSAMPLE, HOSTSAMPLE.PoolId.eq(2))).isEqualTo(1);
        assertThat(db.select(VMSAMPLE.VcpuAverage).from(VMSAMPLE).where(VMSAMPLE.Resolution.eq("hour")).fetchSingle().value1())
                .isEqualTo(40.0);

        // thinning again changes nothing
        RetentionThinner.Thinned again = RetentionThinner.thin(db, 1, NOW, Duration.ofDays(7), Duration.ofDays(365));
        assertThat(again).isEqualTo(new RetentionThinner.Thinned(0, 0));
    }
}
