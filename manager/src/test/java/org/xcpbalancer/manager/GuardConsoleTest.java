package org.xcpbalancer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.GUARDACTION;
import static org.xcpbalancer.core.db.generated.Tables.GUARDHOST;
import static org.xcpbalancer.core.db.generated.Tables.GUARDPOOL;
import static org.xcpbalancer.core.db.generated.Tables.GUARDVM;
import static org.xcpbalancer.manager.PaperPoolFixture.NOW;
import static org.xcpbalancer.manager.PaperPoolFixture.utc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.manager.console.OutputFormat;
import org.xcpbalancer.manager.status.StatusCheckMain;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * SHOW GUARD, CONFIRM HOST DOWN and the guard's part of SHOW STATUS and xcp-status, on the paper pool with the rows
 * xcp-guard writes: checked 8 s before the console's clock, Host2 dead for 30 s without a fence command, VM1 rebooted
 * by the ladder after a crash, VM3 given up.
 */
@ExtendWith(MariaDbExtension.class)
class GuardConsoleTest {
    private static final String USER = System.getProperty("user.name");
    private static final String POOL = PaperPoolFixture.POOL_UUID;
    private final TestDatabase db;
    private final ConsoleDriver console;
    @TempDir
    Path dir;

    GuardConsoleTest(TestDatabase db) {
        this.db = db;
        this.console = new ConsoleDriver(db.database());
    }

    @BeforeAll
    static void fillPool(TestDatabase db) {
        PaperPoolFixture.insertHistory(db.database(), PaperPoolFixture.insert(db.database()));
    }

    @BeforeEach
    void guardRows() {
        var dsl = db.database().dsl();
        dsl.deleteFrom(GUARDACTION).execute();
        dsl.deleteFrom(GUARDVM).execute();
        dsl.deleteFrom(GUARDHOST).execute();
        dsl.deleteFrom(GUARDPOOL).execute();
        dsl.insertInto(GUARDPOOL).set(GUARDPOOL.PoolUuid, POOL).set(GUARDPOOL.PoolName, "paper")
                .set(GUARDPOOL.LastCheckAt, utc(NOW.minusSeconds(8))).set(GUARDPOOL.LastCheckOutcome, "ok").execute();
        dsl.insertInto(GUARDHOST).set(GUARDHOST.PoolUuid, POOL).set(GUARDHOST.HostUuid, PaperPoolFixture.HOST1)
                .set(GUARDHOST.HostName, "Host1").set(GUARDHOST.State, "up").execute();
        dsl.insertInto(GUARDHOST).set(GUARDHOST.PoolUuid, POOL).set(GUARDHOST.HostUuid, PaperPoolFixture.HOST2)
                .set(GUARDHOST.HostName, "Host2").set(GUARDHOST.State, "dead").set(GUARDHOST.MissedChecks, 3)
                .set(GUARDHOST.FirstMissedAt, utc(NOW.minusSeconds(50)))
                .set(GUARDHOST.DeclaredDeadAt, utc(NOW.minusSeconds(30))).execute();
        dsl.insertInto(GUARDVM).set(GUARDVM.PoolUuid, POOL).set(GUARDVM.VmUuid, PaperPoolFixture.VM1)
                .set(GUARDVM.VmName, "VM1 - Debian").set(GUARDVM.PowerState, "Running")
                .set(GUARDVM.LadderStep, "reboot").set(GUARDVM.Problem, "crashed")
                .set(GUARDVM.LastAction, "start_on").set(GUARDVM.LastActionAt, utc(NOW.minusSeconds(120)))
                .set(GUARDVM.HealthySince, utc(NOW.minusSeconds(100))).set(GUARDVM.Attempts, 1).execute();
        dsl.insertInto(GUARDVM).set(GUARDVM.PoolUuid, POOL).set(GUARDVM.VmUuid, PaperPoolFixture.VM3)
                .set(GUARDVM.VmName, "VM3 - Ubuntu").set(GUARDVM.PowerState, "Halted")
                .set(GUARDVM.LadderStep, "give_up").set(GUARDVM.Problem, "hung")
                .set(GUARDVM.LastAction, "give_up").set(GUARDVM.LastActionAt, utc(NOW.minusSeconds(60)))
                .set(GUARDVM.Attempts, 3).execute();
        dsl.insertInto(GUARDACTION).set(GUARDACTION.PoolUuid, POOL).set(GUARDACTION.At, utc(NOW.minusSeconds(60)))
                .set(GUARDACTION.VmUuid, PaperPoolFixture.VM3).set(GUARDACTION.VmName, "VM3 - Ubuntu")
                .set(GUARDACTION.Action, "give_up").set(GUARDACTION.Outcome, "alert")
                .set(GUARDACTION.Reason, "still hung after the restart on another host: giving up").execute();
    }

    @Test
    void showGuardListsTheHostsNotUpAndTheProtectedVms() {
        var shown = console.piped("SHOW GUARD");

        assertThat(shown.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(shown.outLines()).containsExactly(
                "Guard of pool paper: last check 8 s ago, acting (XAPI's HA is off)",
                "Hosts not up:",
                "  HOST   STATE  MISSED  SINCE (UTC)          FENCED BY  CONFIRMED BY",
                "  Host2  dead        3  2026-11-22 15:59:30  -          -",
                "Protected VMs (2):",
                "  VM            POWER    STATE    STEP     LAST ACTION  WHEN (UTC)           REASON",
                "  VM1 - Debian  Running  healthy  reboot   start_on     2026-11-22 15:58:00  -",
                "  VM3 - Ubuntu  Halted   hung     give_up  give_up      2026-11-22 15:59:00  still hung after the "
                        + "restart on another host: giving up");
    }

    @Test
    void showGuardInJsonCarriesTheSameFacts() throws Exception {
        JsonNode json = new ObjectMapper().readTree(console.format(OutputFormat.JSON).piped("SHOW GUARD").out());

        assertThat(json.get("lastCheckAt").asText()).isEqualTo("2026-11-22T15:59:52Z");
        assertThat(json.get("checkAgeSeconds").asInt()).isEqualTo(8);
        assertThat(json.get("standsDownForHa").asBoolean()).isFalse();
        assertThat(json.get("hosts").get(1).get("name").asText()).isEqualTo("Host2");
        assertThat(json.get("hosts").get(1).get("state").asText()).isEqualTo("dead");
        assertThat(json.get("vms").get(1).get("ladderStep").asText()).isEqualTo("give_up");
        assertThat(json.get("vms").get(1).get("state").asText()).isEqualTo("hung");
        assertThat(json.get("vms").get(1).get("powerState").asText()).isEqualTo("Halted");
    }

    @Test
    void showGuardSaysWhenTheGuardStandsDownForXapiHa() {
        db.database().dsl().update(GUARDPOOL).set(GUARDPOOL.HaStandDownSince, utc(NOW.minusSeconds(600))).execute();

        assertThat(console.piped("SHOW GUARD").outLines().get(0)).isEqualTo("Guard of pool paper: last check 8 s ago, "
                + "standing down: XAPI's HA is on (pool.ha_enabled), xapi restarts the VMs");
    }

    @Test
    void showGuardSaysWhyNoProtectedVmIsListedAfterOnlyDryRuns() {
        var dsl = db.database().dsl();
        dsl.deleteFrom(GUARDVM).execute();
        dsl.update(GUARDPOOL).set(GUARDPOOL.LastCheckOutcome, "dry_run").execute();

        assertThat(console.piped("SHOW GUARD").outLines()).last().isEqualTo("Protected VMs: none recorded yet: only "
                + "dry runs checked this pool (they record nothing; the first real check does)");

        dsl.update(GUARDPOOL).set(GUARDPOOL.LastCheckOutcome, "ok").execute();
        assertThat(console.piped("SHOW GUARD").outLines()).as("a real check that found none").last().isEqualTo(
                "Protected VMs: none (ha_restart_priority restart/best-effort or tag xcp-balancer:guard=restart)");

        dsl.deleteFrom(GUARDHOST).execute();
        dsl.deleteFrom(GUARDPOOL).execute();
        assertThat(console.piped("SHOW GUARD").outLines()).containsExactly(
                "Guard of pool paper: never checked (xcp-guard has not run on this pool)", "Hosts: all up",
                "Protected VMs: none known yet: xcp-guard has not checked this pool");
    }

    @Test
    void confirmHostDownAsksOnATerminalAndStoresWhoConfirmed() {
        var declined = console.interactive("CONFIRM HOST DOWN Host2", "N");
        assertThat(declined.out()).contains("Is Host2 powered off, so its VMs cannot run twice? [Y/N]")
                .contains("Nothing confirmed.");
        assertThat(state("Host2")).isEqualTo("dead");

        var confirmed = console.interactive("CONFIRM HOST DOWN host2", "Y");
        assertThat(confirmed.out()).contains("Host2 is dead for xcp-guard (3 missed check(s))")
                .contains("Host2 confirmed down by " + USER + ": xcp-guard restarts its protected VMs elsewhere at its "
                        + "next check.");
        var row = db.database().dsl().selectFrom(GUARDHOST).where(GUARDHOST.HostName.eq("Host2")).fetchOne();
        assertThat(row.getState()).isEqualTo("confirmed_down");
        assertThat(row.getConfirmedBy()).isEqualTo(USER);
        assertThat(row.getConfirmedAt()).isEqualTo(utc(NOW));
        var action = db.database().dsl().selectFrom(GUARDACTION).where(GUARDACTION.Action.eq("confirm_host_down"))
                .fetchOne();
        assertThat(action.getHostUuid()).isEqualTo(PaperPoolFixture.HOST2);
        assertThat(action.getReason()).isEqualTo("confirmed powered off by " + USER + " at the console (was dead)");

        var again = console.piped("CONFIRM HOST DOWN Host2");
        assertThat(again.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(again.errLines()).containsExactly("xcp-manager: line 1: Host2 is already confirmed_down (confirmed by "
                + USER + "): nothing to confirm");
    }

    @Test
    void confirmHostDownFromAScriptIsTheConfirmationItself() {
        var piped = console.piped("CONFIRM HOST DOWN " + PaperPoolFixture.HOST2);

        assertThat(piped.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(state("Host2")).isEqualTo("confirmed_down");
    }

    @Test
    void confirmHostDownRefusesAHostTheGuardDoesNotSuspectInOneLine() {
        var up = console.piped("CONFIRM HOST DOWN Host1");
        assertThat(up.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(up.errLines()).containsExactly("xcp-manager: line 1: xcp-guard does not suspect Host1 (it answers): "
                + "only a host it suspects dead can be confirmed down");
        assertThat(state("Host1")).isEqualTo("up");

        var unknown = console.piped("CONFIRM HOST DOWN Host9");
        assertThat(unknown.errLines()).containsExactly("xcp-manager: line 1: xcp-guard holds no host 'Host9' in pool "
                + "paper (SHOW GUARD lists its hosts)");
        assertThat(db.database().dsl().fetchCount(GUARDACTION, GUARDACTION.Action.eq("confirm_host_down"))).isZero();
    }

    @Test
    void showStatusAndXcpStatusIncludeTheGuard() throws Exception {
        assertThat(console.piped("SHOW STATUS").outLines()).contains("  Guard:       last check 8 s ago, acting "
                + "(XAPI's HA is off); hosts down: Host2 (dead); gave up on: VM3 - Ubuntu");
        JsonNode json = new ObjectMapper().readTree(console.format(OutputFormat.JSON).piped("SHOW STATUS").out());
        assertThat(json.get("pools").get(0).get("guard").get("hosts").get(1).get("state").asText()).isEqualTo("dead");

        String critical = xcpStatus();
        assertThat(critical).startsWith("CRITICAL - pool paper: ")
                .contains("host(s) dead, not proven off: Host2 (dead)", "guard gave up on VM3 - Ubuntu",
                        "guard checked 8 s ago")
                .contains("guard_hosts_down=1;;;0 guard_hosts_suspected=0;;;0 guard_vms_down=1;;;0 "
                        + "guard_vms_given_up=1;;;0");

        db.database().dsl().deleteFrom(GUARDVM).where(GUARDVM.LadderStep.eq("give_up")).execute();
        console.piped("CONFIRM HOST DOWN Host2");
        assertThat(xcpStatus()).startsWith("WARNING - pool paper: collected 42 s ago, controlled 60 s ago, "
                + "0 migration(s) in flight, host(s) down: Host2 (confirmed_down), guard checked 8 s ago |");
    }

    private String xcpStatus() throws Exception {
        String settings = Files.writeString(dir.resolve("settings.properties"),
                "db.url=" + db.jdbcUrl() + "\ndb.username=root\ndb.connectTimeout=1s\n").toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StatusCheckMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC)).run("--settings", settings, "-w", "1h",
                "-c", "2h");
        return out.toString(StandardCharsets.UTF_8);
    }

    private String state(String hostName) {
        return db.database().dsl().select(GUARDHOST.State).from(GUARDHOST).where(GUARDHOST.HostName.eq(hostName))
                .fetchOne(GUARDHOST.State);
    }
}
