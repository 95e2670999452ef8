package org.xcpbalancer.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.GUARDACTION;
import static org.xcpbalancer.core.db.generated.Tables.GUARDHOST;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.simulator.model.HostPower;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * A host of a 4-host pool dies: the guard counts guard.deadChecks checks, fences it with a fence command that
 * powers it off through the simulator's fence endpoint, resets its protected VMs and starts them on the others in
 * restart order, within the others' memory; the unprotected VM is left alone.
 */
@ExtendWith(MariaDbExtension.class)
class HostDeathTest {
    /** 8 GiB hosts (752 MiB for dom0) and a 12 GiB C: C's protected VMs (7 GiB) fit on no single other host. */
    static final String POOL = """
            {"pool": "Guarded",
             "hosts": [{"name": "A", "cpus": 8, "memoryMb": 8192, "master": true},
                       {"name": "B", "cpus": 8, "memoryMb": 8192},
                       {"name": "C", "cpus": 8, "memoryMb": 12288},
                       {"name": "D", "cpus": 8, "memoryMb": 8192}],
             "vms": [{"name": "a1", "host": "A", "vcpus": 1, "memoryMb": 3072},
                     {"name": "b1", "host": "B", "vcpus": 1, "memoryMb": 2048},
                     {"name": "d1", "host": "D", "vcpus": 1, "memoryMb": 1024},
                     {"name": "web", "host": "C", "vcpus": 1, "memoryMb": 2048, "haRestartPriority": "restart", "order": 2},
                     {"name": "db", "host": "C", "vcpus": 2, "memoryMb": 4096, "haRestartPriority": "restart", "order": 1,
                      "startDelay": 10},
                     {"name": "batch", "host": "C", "vcpus": 1, "memoryMb": 512, "haRestartPriority": "best-effort"},
                     {"name": "tagged", "host": "C", "vcpus": 1, "memoryMb": 512, "tags": ["xcp-balancer:guard=restart"],
                      "order": 3},
                     {"name": "scratch", "host": "C", "vcpus": 1, "memoryMb": 512}]}
            """;

    private final TestDatabase db;

    HostDeathTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aDeadHostIsFencedAndItsProtectedVmsRunAgainElsewhereInRestartOrder() throws Exception {
        try (GuardedPool pool = new GuardedPool(POOL, db)) {
            GuardSettings settings = GuardedPool.settings(3, pool.simulatorFenceCommand());
            try (GuardService guard = pool.service(settings)) {
                guard.checkOnce(Optional.empty(), false);
                pool.simulator.admin().killHost("C");
                guard.checkOnce(Optional.empty(), false);
                guard.checkOnce(Optional.empty(), false);

                assertThat(pool.vms()).containsEntry("db", "Running@C").containsEntry("web", "Running@C");
                assertThat(hostState("C")).isEqualTo("suspected");

                guard.checkOnce(Optional.empty(), false);
                assertThat(guard.lastSummary()).isEqualTo("Pool Guarded: 4 hosts (1 fenced, 3 up), 4 protected VMs:"
                        + " 0 were running on a host that is up, 4 started by this check");
            }

            Map<String, String> vms = pool.vms();
            assertThat(hostState("C")).isEqualTo("fenced");
            assertThat(pool.simulator.admin().host("C").power()).as("powered off by the fence command").isEqualTo(HostPower.OFF);
            assertThat(vms.get("db")).startsWith("Running@").isNotEqualTo("Running@C");
            assertThat(vms.get("web")).startsWith("Running@").isNotEqualTo("Running@C");
            assertThat(vms.get("tagged")).startsWith("Running@").isNotEqualTo("Running@C");
            assertThat(vms.get("batch")).startsWith("Running@").isNotEqualTo("Running@C");
            // most free memory first, each start taking its memory: D has 6416 MB free, then B 5392, A 4368
            assertThat(vms).containsEntry("db", "Running@D").containsEntry("web", "Running@B")
                    .containsEntry("tagged", "Running@A").containsEntry("batch", "Running@A");
            assertThat(vms.get("scratch")).as("not protected: left as XAPI records it").isEqualTo("Running@C");
            assertThat(startedOrder()).containsExactly("db", "web", "tagged", "batch");
            assertThat(pool.startedVms()).as("VM_STARTED messages (to the second): each VM started once")
                    .containsExactlyInAnyOrder("db", "web", "tagged", "batch");
            assertThat(pool.said).anyMatch(line -> line.startsWith("C fenced by: bash -c"));
        }
    }

    private String hostState(String name) {
        return db.database().dsl().select(GUARDHOST.State).from(GUARDHOST).where(GUARDHOST.HostName.eq(name))
                .fetchOne(GUARDHOST.State);
    }

    private List<String> startedOrder() {
        return db.database().dsl().select(GUARDACTION.VmName).from(GUARDACTION)
                .where(GUARDACTION.Action.eq("start_on")).and(GUARDACTION.Outcome.eq("done"))
                .orderBy(GUARDACTION.Id).fetch(GUARDACTION.VmName);
    }
}
