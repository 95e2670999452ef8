package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.CONTROLRUN;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;
import static org.xcpbalancer.core.db.generated.Tables.POOLPAUSE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.state.PoolPauseRepository;
import org.xcpbalancer.manager.console.OutputFormat;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * SHOW STATUS, PAUSE / RESUME BALANCING and the listings issue 11 fixed, on the paper pool's rows (collected
 * 42 s before the console's clock, one control run 60 s before it).
 */
@ExtendWith(MariaDbExtension.class)
class StatusAndPauseTest {
    private static final String USER = System.getProperty("user.name");
    private static int poolId;
    private final TestDatabase db;
    private final ConsoleDriver console;

    StatusAndPauseTest(TestDatabase db) {
        this.db = db;
        this.console = new ConsoleDriver(db.database());
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        poolId = PaperPoolFixture.insert(db.database());
        PaperPoolFixture.insertHistory(db.database(), poolId);
    }

    @BeforeEach
    void noPause() {
        db.database().dsl().deleteFrom(POOLPAUSE).execute();
    }

    @Test
    void showStatusSaysHowBalancingIsDoing() {
        List<String> lines = console.piped("SHOW STATUS").outLines();
        assertThat(lines).containsExactly(
                "Pool paper (" + PaperPoolFixture.POOL_UUID + ")",
                "  Balancing:   active",
                "  Collected:   42 s ago",
                "  Controlled:  60 s ago (migrated)",
                "  Last error:  none",
                "  In flight:   no migration",
                "  Rules:       none (CREATE RULE HOST adds one)",
                "  Mode:        not recorded yet (no control run since maintenance and modes came)");
    }

    @Test
    void pauseForADurationWithAReasonIsStoredShownAndResumed() throws Exception {
        var paused = console.piped("PAUSE BALANCING FOR 2h REASON kernel upgrades on Host2");
        assertThat(paused.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(paused.outLines()).containsExactly("Balancing of pool paper paused by " + USER
                + " 0 s ago, until 2026-11-22 18:00:00 UTC (in 2 h): kernel upgrades on Host2."
                + " xcp-control moves nothing until then.");
        var row = db.database().dsl().fetchOne(POOLPAUSE);
        assertThat(row.getPausedBy()).isEqualTo(USER);
        assertThat(row.getReason()).isEqualTo("kernel upgrades on Host2");
        assertThat(row.getPausedUntil()).isEqualTo(PaperPoolFixture.utc(PaperPoolFixture.NOW.plus(Duration.ofHours(2))));

        // ten minutes later, SHOW STATUS and its JSON say who paused, until when and why
        ConsoleDriver later = new ConsoleDriver(db.database())
                .at(Clock.fixed(PaperPoolFixture.NOW.plusSeconds(600), ZoneOffset.UTC));
        assertThat(later.piped("SHOW STATUS").outLines()).contains("  Balancing:   PAUSED by " + USER
                + " 10 min ago, until 2026-11-22 18:00:00 UTC (in 110 min): kernel upgrades on Host2");
        JsonNode status = new ObjectMapper().readTree(later.format(OutputFormat.JSON).piped("SHOW STATUS").out())
                .get("pools").get(0);
        assertThat(status.get("paused").asBoolean()).isTrue();
        assertThat(status.get("pause").get("by").asText()).isEqualTo(USER);
        assertThat(status.get("pause").get("until").asText()).isEqualTo("2026-11-22T18:00:00Z");
        assertThat(status.get("pause").get("reason").asText()).isEqualTo("kernel upgrades on Host2");
        assertThat(status.get("collectionAgeSeconds").asLong()).isEqualTo(642);
        assertThat(status.get("lastSuccessfulControlRun").get("outcome").asText()).isEqualTo("migrated");

        assertThat(console.piped("RESUME BALANCING").outLines()).containsExactly("Balancing of pool paper resumed "
                + "(it was paused by " + USER + " 0 s ago, until 2026-11-22 18:00:00 UTC (in 2 h): kernel upgrades on Host2).");
        assertThat(new PoolPauseRepository(db.database()).active(poolId, PaperPoolFixture.NOW)).isEmpty();
        assertThat(db.database().dsl().fetchOne(POOLPAUSE).getResumedBy()).isEqualTo(USER);
        assertThat(console.piped("RESUME BALANCING").outLines())
                .containsExactly("Balancing of pool paper was not paused: nothing to resume.");
    }

    @Test
    void anExpiredPauseIsNoPause() {
        console.piped("PAUSE BALANCING FOR 30m");
        ConsoleDriver later = new ConsoleDriver(db.database())
                .at(Clock.fixed(PaperPoolFixture.NOW.plus(Duration.ofMinutes(31)), ZoneOffset.UTC));
        assertThat(later.piped("SHOW STATUS").outLines()).contains("  Balancing:   active");
        assertThat(new PoolPauseRepository(db.database()).active(poolId, PaperPoolFixture.NOW.plus(Duration.ofMinutes(31))))
                .isEmpty();
        assertThat(console.piped("PAUSE BALANCING").outLines()).containsExactly("Balancing of pool paper paused by "
                + USER + " 0 s ago, until RESUME BALANCING. xcp-control moves nothing until then.");
    }

    @Test
    void badPauseInputIsOneLineAndPausesNothing() {
        var piped = console.piped("PAUSE BALANCING FOR 2", "PAUSE BALANCING FOR 0s", "PAUSE BALANCING FOR",
                "PAUSE BALANCING FOR 1h later", "PAUSE BALANCING REASON", "RESUME BALANCING now");
        assertThat(piped.errLines()).containsExactly(
                "xcp-manager: line 1: FOR '2' has no unit; expected a number with a unit (ms, s, m, h, d), such as 30s, 5m or 1h",
                "xcp-manager: line 2: FOR takes a duration from 1s to 365d, not '0s' (without FOR the pause lasts until RESUME BALANCING)",
                "xcp-manager: line 3: PAUSE BALANCING needs a duration after FOR (e.g. 30m, 2h, 1d): PAUSE BALANCING [FOR <duration>] [REASON <text>]",
                "xcp-manager: line 4: unexpected 'later' after PAUSE BALANCING: PAUSE BALANCING [FOR <duration>] [REASON <text>]",
                "xcp-manager: line 5: PAUSE BALANCING needs a text after REASON: PAUSE BALANCING [FOR <duration>] [REASON <text>]",
                "xcp-manager: line 6: unexpected 'now' after RESUME BALANCING: RESUME BALANCING");
        assertThat(piped.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(db.database().dsl().fetchCount(POOLPAUSE)).isZero();
    }

    @Test
    void aFailedMigrationShowsTheXapiErrorCodeAndAShortTextInANarrowTable() {
        String refs = "OpaqueRef:8b1c0f8e-3e4a-4c2d-9f10-aa11bb22cc33 ".repeat(3);
        db.database().dsl().insertInto(MIGRATION, MIGRATION.PoolId, MIGRATION.VmUuid, MIGRATION.VmName,
                MIGRATION.SourceHostUuid, MIGRATION.SourceHostName, MIGRATION.DestinationHostUuid,
                MIGRATION.DestinationHostName, MIGRATION.State, MIGRATION.XapiError, MIGRATION.CreatedAt, MIGRATION.DurationMs)
                .values(poolId, PaperPoolFixture.VM3, "VM3 - Ubuntu", PaperPoolFixture.HOST2, "Host2",
                        PaperPoolFixture.HOST1, "Host1", "failed", "VM_MIGRATE_FAILED " + refs
                                + "Failed to restore the memory image of the VM on the destination: out of memory "
                                + "while allocating 1073741824 bytes for the guest",
                        PaperPoolFixture.utc(PaperPoolFixture.NOW.minusSeconds(5)), 2_100L)
                .execute();
        try {
            List<String> lines = console.piped("SHOW MIGRATIONS").outLines();
            assertThat(lines.get(1)).contains("failed: VM_MIGRATE_FAILED: Failed to restore the memory")
                    .doesNotContain("OpaqueRef");
            assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThan(200));
        } finally {
            db.database().dsl().deleteFrom(MIGRATION).where(MIGRATION.State.eq("failed")).execute();
        }
    }

    @Test
    void aDeadOrDisabledHostSaysSoInsteadOfOnlyNotMeasured() {
        db.database().dsl().update(HOST).set(HOST.Live, false).set(HOST.Enabled, false).set(HOST.CpuAverage, (Double) null)
                .where(HOST.UUID.eq(PaperPoolFixture.HOST2)).execute();
        try {
            List<String> table = console.piped("SHOW HOSTS FULL").outLines();
            assertThat(table.get(1)).startsWith("NAME   STATE ");
            assertThat(table.get(2)).startsWith("Host1  up ");
            assertThat(table.get(3)).matches("Host2  disabled, not live +- +4 .*");
            assertThat(console.piped("SHOW HOST Host2").outLines()).contains("Cpu Load Average - not measured",
                    "Enabled - no (disabled: it takes no VM)", "Live - no (XAPI sees it dead: its figures are not measured)");
        } finally {
            db.database().dsl().update(HOST).set(HOST.Live, true).set(HOST.Enabled, true).set(HOST.CpuAverage, 100.0)
                    .where(HOST.UUID.eq(PaperPoolFixture.HOST2)).execute();
        }
    }

    @Test
    void showRunsSaysDryRunOnce() {
        long id = db.database().dsl().insertInto(CONTROLRUN, CONTROLRUN.PoolId, CONTROLRUN.StartedAt, CONTROLRUN.FinishedAt,
                CONTROLRUN.DryRun, CONTROLRUN.Outcome, CONTROLRUN.Summary)
                .values(poolId, PaperPoolFixture.utc(PaperPoolFixture.NOW.minusSeconds(3)),
                        PaperPoolFixture.utc(PaperPoolFixture.NOW.minusSeconds(2)), true, "planned", "dry run: 1 move(s) planned")
                .returning(CONTROLRUN.Id).fetchOne().getId();
        try {
            String dry = console.piped("SHOW RUNS LIMIT 1").outLines().get(1);
            assertThat(dry).contains(" control ", "planned").containsOnlyOnce("dry run");
        } finally {
            db.database().dsl().deleteFrom(CONTROLRUN).where(CONTROLRUN.Id.eq(id)).execute();
        }
    }
}
