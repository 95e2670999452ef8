package org.xcpbalancer.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcpbalancer.core.db.generated.Tables.GUARDACTION;
import static org.xcpbalancer.core.db.generated.Tables.GUARDHOST;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Record3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.guard.state.GuardRepository;
import org.xcpbalancer.simulator.model.HostPower;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The host path's refusals on HostDeathTest's pool: no restart without proof that the dead host is off, none for a
 * host that is only cut off from the master, none while XAPI's HA is on, and nothing at all in a dry run.
 */
@ExtendWith(MariaDbExtension.class)
class HostPathTest {
    private final TestDatabase db;

    HostPathTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aHostCutOffFromTheMasterButAliveIsAnAlertAndNothingIsRestarted() throws Exception {
        try (GuardedPool pool = new GuardedPool(HostDeathTest.POOL, db);
                GuardService guard = pool.service(GuardedPool.settings(2, pool.simulatorFenceCommand()))) {
            pool.simulator.admin().partitionHost("C", true);
            for (int i = 0; i < 4; i++) {
                guard.checkOnce(Optional.empty(), false);
            }

            assertThat(pool.vms()).containsEntry("db", "Running@C").containsEntry("web", "Running@C");
            assertThat(pool.startedVms()).isEmpty();
            assertThat(hostState("C")).isEqualTo("partitioned");
            assertThat(actions()).extracting(r -> r.value1() + "/" + r.value2())
                    .containsExactly("host_partitioned/alert");
            assertThat(actions().get(0).value3()).contains("host_metrics.live is false, but C answers on 127.0.0.3:")
                    .contains("nothing restarted");
        }
    }

    @Test
    void aFailingFenceCommandRestartsNothingAndIsAnAlertAtEachTry() throws Exception {
        try (GuardedPool pool = new GuardedPool(HostDeathTest.POOL, db);
                GuardService guard = pool.service(GuardedPool.settings(2,
                        "bash -c 'echo fence_ipmilan: unable to connect to $1 with password $3; exit 1' fence {address}"
                                + " -p s3cret"))) {
            pool.simulator.admin().killHost("C");
            for (int i = 0; i < 4; i++) {
                guard.checkOnce(Optional.empty(), false);
            }

            assertThat(pool.vms()).containsEntry("db", "Running@C").containsEntry("web", "Running@C");
            assertThat(pool.startedVms()).isEmpty();
            assertThat(hostState("C")).isEqualTo("fence_failed");
            List<Record3<String, String, String>> fences = actions().stream()
                    .filter(r -> r.value1().equals("fence")).toList();
            assertThat(fences).hasSize(3).allMatch(r -> r.value2().equals("failed"));
            assertThat(fences.get(0).value3()).startsWith("fencing C failed (exit 1) with: bash -c 'echo fence_ipmilan:")
                    .contains("exit 1' fence 127.0.0.3 -p ****;", "output: fence_ipmilan: unable to connect to 127.0.0.3 with"
                            + " password ****").doesNotContain("s3cret");
            assertThat(pool.said).noneMatch(line -> line.contains("s3cret"));
        }
    }

    @Test
    void withoutAFenceCommandTheGuardWaitsForConfirmHostDownThenRestarts() throws Exception {
        try (GuardedPool pool = new GuardedPool(HostDeathTest.POOL, db);
                GuardService guard = pool.service(GuardedPool.settings(2, null))) {
            pool.simulator.admin().killHost("C");
            for (int i = 0; i < 4; i++) {
                guard.checkOnce(Optional.empty(), false);
            }
            assertThat(pool.startedVms()).isEmpty();
            assertThat(hostState("C")).isEqualTo("dead");
            assertThat(actions()).filteredOn(r -> r.value1().equals("await_confirmation")).hasSize(1)
                    .allMatch(r -> r.value2().equals("waiting"))
                    .allMatch(r -> r.value3().contains("xcp-manager -e \"CONFIRM HOST DOWN C\""));

            // what xcp-manager's CONFIRM HOST DOWN writes
            String uuid = pool.simulator.admin().host("C").uuid();
            new GuardRepository(db.database()).confirmHostDown(poolUuid(), uuid, "C", "alice", Instant.now());
            guard.checkOnce(Optional.empty(), false);

            assertThat(hostState("C")).isEqualTo("fenced");
            assertThat(pool.startedVms()).containsExactlyInAnyOrder("db", "web", "tagged", "batch");
            assertThat(actions()).anyMatch(r -> r.value1().equals("fence") && r.value2().equals("done")
                    && r.value3().startsWith("C is off by the word of alice (CONFIRM HOST DOWN at "));
        }
    }

    @Test
    void withXapisHaEnabledTheGuardStandsDownAndSaysSoOnce() throws Exception {
        String haPool = HostDeathTest.POOL.replace("{\"pool\": \"Guarded\",",
                "{\"pool\": \"Guarded\", \"ha\": {\"enabled\": true, \"hostFailuresToTolerate\": 1},");
        try (GuardedPool pool = new GuardedPool(haPool, db);
                GuardService guard = pool.service(GuardedPool.settings(1, pool.simulatorFenceCommand()))) {
            pool.simulator.admin().killHost("C");
            for (int i = 0; i < 3; i++) {
                assertThat(guard.checkOnce(Optional.empty(), false)).isEqualTo(GuardService.Outcome.STAND_DOWN);
            }

            assertThat(pool.vms()).containsEntry("db", "Running@C");
            assertThat(pool.startedVms()).isEmpty();
            assertThat(actions()).extracting(r -> r.value1() + "/" + r.value2()).containsExactly("stand_down/waiting");
            assertThat(pool.said).filteredOn(line -> line.startsWith("XAPI's HA is enabled on pool Guarded")).hasSize(1);
        }
    }

    @Test
    void aDryRunFencesResetsAndStartsNothingAndSaysWhatItWould() throws Exception {
        try (GuardedPool pool = new GuardedPool(HostDeathTest.POOL, db);
                GuardService guard = pool.service(GuardedPool.settings(2, pool.simulatorFenceCommand()))) {
            pool.simulator.admin().killHost("C");
            for (int i = 0; i < 2; i++) {
                assertThat(guard.checkOnce(Optional.empty(), true)).isEqualTo(GuardService.Outcome.DRY_RUN);
            }

            assertThat(pool.vms()).containsEntry("db", "Running@C").containsEntry("web", "Running@C");
            assertThat(pool.startedVms()).isEmpty();
            assertThat(pool.simulator.admin().host("C").power()).isNotEqualTo(HostPower.OFF);
            assertThat(db.database().dsl().fetchCount(GUARDHOST)).isZero();
            assertThat(db.database().dsl().fetchCount(GUARDACTION, GUARDACTION.DryRun.isFalse())).isZero();
            assertThat(pool.said).anyMatch(line -> line.startsWith("dry run: would fence C with: bash -c"))
                    .anyMatch(line -> line.startsWith("dry run: would reset the power state of db"))
                    .anyMatch(line -> line.startsWith("dry run: would start db on "));
        }
    }

    @Test
    void aMasterThatStopsAnsweringIsReportedOnceAndNoHostIsJudged() throws Exception {
        try (GuardedPool pool = new GuardedPool(HostDeathTest.POOL, db);
                GuardService guard = pool.service(GuardedPool.settings(1, pool.simulatorFenceCommand()))) {
            guard.checkOnce(Optional.empty(), false);
            pool.simulator.admin().killHost("A");
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> guard.checkOnce(Optional.empty(), false)).isInstanceOf(UserFacingException.class)
                        .extracting(e -> ((UserFacingException) e).exitCode()).isEqualTo(ExitCode.POOL_UNREACHABLE);
            }

            assertThat(actions()).extracting(r -> r.value1() + "/" + r.value2()).containsExactly("master_unreachable/alert");
            assertThat(actions().get(0).value3()).startsWith("the pool master cannot be reached (")
                    .endsWith("nothing is judged or restarted until it answers (the guard may be cut off from the pool)");
            assertThat(db.database().dsl().fetchCount(GUARDHOST, GUARDHOST.State.ne("up"))).isZero();
        }
    }

    @Test
    void aProtectedVmThatFitsNowhereWaitsWithItsReasonsAndStartsWhenRoomAppears() throws Exception {
        // big (6 GiB) fits on no 8 GiB host while each keeps a 2 GiB VM: XAPI says 5328 MB free on each
        String full = """
                {"pool": "Full",
                 "hosts": [{"name": "A", "cpus": 8, "memoryMb": 8192, "master": true},
                           {"name": "B", "cpus": 8, "memoryMb": 8192},
                           {"name": "C", "cpus": 8, "memoryMb": 8192}],
                 "vms": [{"name": "a1", "host": "A", "vcpus": 1, "memoryMb": 2048},
                         {"name": "b1", "host": "B", "vcpus": 1, "memoryMb": 2048},
                         {"name": "big", "host": "C", "vcpus": 2, "memoryMb": 6144, "haRestartPriority": "restart"}]}
                """;
        try (GuardedPool pool = new GuardedPool(full, db);
                GuardService guard = pool.service(GuardedPool.settings(1, pool.simulatorFenceCommand()))) {
            pool.simulator.admin().killHost("C");
            guard.checkOnce(Optional.empty(), false);
            guard.checkOnce(Optional.empty(), false);

            assertThat(pool.vms()).containsEntry("big", "Halted");
            assertThat(actions()).filteredOn(r -> r.value1().equals("no_room")).hasSize(2)
                    .allMatch(r -> r.value2().equals("waiting"))
                    .first().extracting(Record3::value3).asString()
                    .startsWith("no room for big (6144 MB): A has 5328 MB free memory, big needs 6144 MB;"
                            + " B has 5328 MB free memory, big needs 6144 MB; C is not live");

            pool.hardShutdown("b1");
            guard.checkOnce(Optional.empty(), false);

            assertThat(pool.vms()).containsEntry("big", "Running@B");
            assertThat(db.database().dsl().select(GUARDACTION.Action).from(GUARDACTION).where(GUARDACTION.VmName.eq("big"))
                    .fetch(GUARDACTION.Action)).as("the host path's VM: the ladder leaves it alone")
                    .containsOnly("power_state_reset", "no_room", "start_on");
        }
    }

    @Test
    void aRestartKeepsXapisAntiAffinityGroupApart() throws Exception {
        // D has the most free memory, but w2 of w1's anti-affinity group runs there
        String grouped = """
                {"pool": "Grouped",
                 "hosts": [{"name": "A", "cpus": 8, "memoryMb": 8192, "master": true},
                           {"name": "B", "cpus": 8, "memoryMb": 8192},
                           {"name": "C", "cpus": 8, "memoryMb": 8192},
                           {"name": "D", "cpus": 8, "memoryMb": 16384}],
                 "vms": [{"name": "a1", "host": "A", "vcpus": 1, "memoryMb": 2048},
                         {"name": "w1", "host": "C", "vcpus": 1, "memoryMb": 1024, "haRestartPriority": "restart"},
                         {"name": "w2", "host": "D", "vcpus": 1, "memoryMb": 1024}],
                 "groups": [{"name": "webs", "placement": "anti_affinity", "members": ["w1", "w2"]}]}
                """;
        try (GuardedPool pool = new GuardedPool(grouped, db);
                GuardService guard = pool.service(GuardedPool.settings(1, pool.simulatorFenceCommand()))) {
            pool.simulator.admin().killHost("C");
            guard.checkOnce(Optional.empty(), false);

            assertThat(pool.vms()).containsEntry("w1", "Running@B");
        }
    }

    @Test
    void noVmIsStartedOnAHostGoingIntoMaintenance() throws Exception {
        try (GuardedPool pool = new GuardedPool(HostDeathTest.POOL, db);
                GuardService guard = pool.service(GuardedPool.settings(1, pool.simulatorFenceCommand()))) {
            guard.checkOnce(Optional.empty(), false);
            // EVACUATE HOST D recorded by the console, not yet carried out (D is still enabled in XAPI)
            String poolUuid = db.database().dsl().fetchOne("SELECT PoolUuid FROM GuardPool").get(0, String.class);
            db.database().dsl().execute("DELETE FROM HostMaintenance");
            db.database().dsl().execute("DELETE FROM Pool");
            db.database().dsl().execute("INSERT INTO Pool (UUID, Name) VALUES (?, 'Guarded')", poolUuid);
            db.database().dsl().execute("INSERT INTO HostMaintenance (PoolId, HostUuid, HostName, DisabledBy, State,"
                    + " RequestedBy, RequestedAt, UpdatedAt) VALUES ((SELECT Id FROM Pool), ?, 'D', 'evacuate',"
                    + " 'requested', 'alice (xcp-manager)', NOW(3), NOW(3))", pool.simulator.admin().host("D").uuid());
            pool.simulator.admin().killHost("C");
            guard.checkOnce(Optional.empty(), false);

            // without the maintenance db would go to D (most free memory), as in HostDeathTest
            assertThat(pool.vms()).containsEntry("db", "Running@B").containsEntry("web", "Running@A")
                    .containsEntry("tagged", "Running@A").containsEntry("batch", "Running@A");
        }
    }

    @Test
    void aPoolLeasedByALiveXcpServiceIsLeftAlone() throws Exception {
        try (GuardedPool pool = new GuardedPool(HostDeathTest.POOL, db);
                GuardService guard = pool.service(GuardedPool.settings(1, pool.simulatorFenceCommand()))) {
            guard.checkOnce(Optional.empty(), false);
            String poolUuid = db.database().dsl().fetchOne("SELECT PoolUuid FROM GuardPool").get(0, String.class);
            db.database().dsl().execute("DELETE FROM PoolLease");
            db.database().dsl().execute("INSERT INTO PoolLease (PoolName, PoolUuid, Owner, Epoch, ExpiresAt)"
                    + " VALUES ('guarded', ?, 'other-instance', 1, NOW(3) + INTERVAL 1 HOUR)", poolUuid);
            try {
                pool.simulator.admin().killHost("C");
                assertThat(guard.checkOnce(Optional.empty(), false)).isEqualTo(GuardService.Outcome.BLOCKED);

                assertThat(pool.vms()).containsEntry("db", "Running@C");
                assertThat(pool.said).contains("another xcp-guard (or xcp-service) is guarding pool Guarded: nothing done");
                assertThat(db.database().dsl().fetchCount(GUARDACTION)).isZero();
            } finally {
                db.database().dsl().execute("DELETE FROM PoolLease");
            }
        }
    }

    private String poolUuid() {
        return db.database().dsl().select(GUARDACTION.PoolUuid).from(GUARDACTION).limit(1).fetchOne(GUARDACTION.PoolUuid);
    }

    private String hostState(String name) {
        return db.database().dsl().select(GUARDHOST.State).from(GUARDHOST).where(GUARDHOST.HostName.eq(name))
                .fetchOne(GUARDHOST.State);
    }

    /** Action, outcome, reason of every GuardAction row but the suspicions, in order. */
    private List<Record3<String, String, String>> actions() {
        return db.database().dsl().select(GUARDACTION.Action, GUARDACTION.Outcome, GUARDACTION.Reason).from(GUARDACTION)
                .where(GUARDACTION.Action.notIn("host_suspected", "host_dead")).orderBy(GUARDACTION.Id).fetch();
    }
}
