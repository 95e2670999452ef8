package org.xcpbalancer.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xcpbalancer.core.db.generated.Tables;
import org.xcpbalancer.core.state.HostMaintenance.State;
import org.xcpbalancer.core.state.HostMaintenanceRepository;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * xcp-control --evacuate / --enable as an administrator runs them: the dry run changes nothing, a real run carries
 * the evacuation out and says how it ended (exit 10 when VMs stay), a pool leased by a live xcp-service only gets
 * the request recorded, and bad input is one line with exit 2.
 */
@ExtendWith(MariaDbExtension.class)
class EvacuateCommandTest {
    @RegisterExtension
    final XcpControlInProcess control = new XcpControlInProcess();

    private static State state(ControlledPool pool, String host) {
        return new HostMaintenanceRepository(pool.database).find(pool.pool().id(),
                pool.simulator.model().hostByName(host).uuid()).map(m -> m.state()).orElse(null);
    }

    @Test
    void theDryRunShowsThePlanAndChangesNothing(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(1);
            Path settings = control.settings(pool, "control.maxConcurrentMigrations=2", "control.mode=density");
            long xapiCalls = pool.simulator.callCount();

            int code = control.run("--settings", settings.toString(), "--evacuate", "host2", "--dry-run");

            assertThat(code).as(control.stderr()).isZero();
            assertThat(control.stdout()).contains("Dry run: nothing is changed (no host is disabled, no migration is launched or logged).",
                    "Mode: density (control.mode)", "Would disable Host2 and move 2 VM(s), leaving it empty:",
                    "  MOVE VM3 - Ubuntu: Host2 -> Host1 (1024 MB)", "  MOVE VM2 - Debian: Host2 -> Host1 (256 MB)");
            assertThat(state(pool, "Host2")).isNull();
            assertThat(pool.simulator.model().hostByName("Host2").enabled()).isTrue();
            assertThat(pool.simulator.callCount()).as("the pool was not contacted").isEqualTo(xapiCalls);
        }
    }

    @Test
    void aRealRunEvacuatesAtOnceAndExits10WhenAVmMustStay(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("placement-constraints"), db)) {
            pool.collect(1);
            Path settings = control.settings(pool, "control.maxConcurrentMigrations=2");

            int code = control.run("--settings", settings.toString(), "--evacuate", "host-2", "--reason", "GPU driver");

            assertThat(code).as(control.stderr()).isEqualTo(10);
            assertThat(control.stdout()).contains("EVACUATE: host-2 disabled for maintenance (requested by "
                    + System.getProperty("user.name") + " (xcp-control): GPU driver): 3 running VM(s), 2 to move",
                    "host-2: blocked (disabled, not empty: 1 VM(s) cannot move (tried again at each control run))");
            assertThat(state(pool, "host-2")).isEqualTo(State.BLOCKED);
            assertThat(pool.simulator.model().hostByName("host-2").enabled()).isFalse();

            control.clearStdout();
            assertThat(control.run("--settings", settings.toString(), "--enable", "host-2")).as(control.stderr()).isZero();
            assertThat(control.stdout()).contains("ENABLE: host-2 enabled again", "host-2: ended");
            assertThat(pool.simulator.model().hostByName("host-2").enabled()).isTrue();
        }
    }

    @Test
    void aPoolLeasedByALiveServiceOnlyGetsTheRequestRecorded(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(1);
            db.database().dsl().execute("DELETE FROM PoolLease");
            db.database().dsl().execute("INSERT INTO PoolLease (PoolName, PoolUuid, Owner, Epoch, GrantedAt, RenewedAt,"
                    + " ExpiresAt) VALUES ('main', ?, 'svc-a', 1, NOW(3), NOW(3), NOW(3) + INTERVAL 1 MINUTE)",
                    pool.simulator.model().poolUuid());
            try {
                Path settings = control.settings(pool, "control.maxConcurrentMigrations=2");
                int code = control.run("--settings", settings.toString(), "--evacuate", "Host2");

                assertThat(code).as(control.stderr()).isZero();
                assertThat(control.stdout()).contains("Evacuation of Host2 recorded: xcp-service instance 'svc-a' leases pool"
                        + " Main Pool and carries it out at its next control run (SHOW HOST Host2 in xcp-manager follows it).");
                assertThat(state(pool, "Host2")).isEqualTo(State.REQUESTED);
                assertThat(pool.simulator.model().hostByName("Host2").enabled()).isTrue();
                assertThat(pool.migrations()).isEmpty();
            } finally {
                db.database().dsl().execute("DELETE FROM PoolLease");
            }
        }
    }

    @Test
    void badInputIsOneLineWithExit2AndRecordsNothing(TestDatabase db) throws Exception {
        try (ControlledPool pool = new ControlledPool(ScenarioLoader.builtin("paper-unbalanced"), db)) {
            pool.collect(1);
            Path settings = control.settings(pool, "control.maxConcurrentMigrations=2");

            assertThat(control.run("--settings", settings.toString(), "--evacuate", "Host9")).isEqualTo(2);
            assertThat(control.run("--settings", settings.toString(), "--enable", "Host1")).isEqualTo(2);
            assertThat(control.run("--settings", settings.toString(), "--evacuate", "Host2", "--interval", "1m")).isEqualTo(2);
            Path frozen = control.settings(pool, "control.freezeWindows=Sat 1:00-5:00am");
            assertThat(control.run("--settings", frozen.toString(), "--dry-run")).isEqualTo(2);
            assertThat(control.stderr().lines().toList()).containsExactly(
                    "xcp-control: --evacuate: pool Main Pool has no host named or with uuid 'Host9' (xcp-manager's SHOW HOSTS lists them)",
                    "xcp-control: --enable: Host1 is enabled and not in maintenance: nothing to enable",
                    "xcp-control: --interval cannot be combined with --evacuate: one host, one run",
                    "xcp-control: " + control.dir().resolve("settings.properties") + ": control.freezeWindows: 'Sat 1:00-5:00am' entry"
                            + " 'Sat 1:00-5:00am': '5:00am' is not a time HH:MM; expected DAYS HH:MM-HH:MM, comma-separated,"
                            + " e.g. 'Mon-Fri 22:00-06:00'; DAYS is Mon, Mon-Fri, Sat+Sun or daily");
            assertThat(db.database().dsl().fetchCount(Tables.HOSTMAINTENANCE)).isZero();
        }
    }
}
