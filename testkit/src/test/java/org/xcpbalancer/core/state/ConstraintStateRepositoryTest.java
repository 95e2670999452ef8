package org.xcpbalancer.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.HOSTTAG;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;
import static org.xcpbalancer.core.db.generated.Tables.VMGROUP;
import static org.xcpbalancer.core.db.generated.Tables.VMGROUPMEMBER;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** The placement facts of V3 (host tags, VM groups, movability, HA) come back from the database as stored. */
@ExtendWith(MariaDbExtension.class)
class ConstraintStateRepositoryTest {

    @Test
    void placementFactsAreReadBack(TestDatabase db) {
        DSLContext dsl = db.database().dsl();
        int poolId = dsl.insertInto(POOL, POOL.UUID, POOL.Name, POOL.HaEnabled, POOL.HaHostFailuresToTolerate,
                POOL.HaPlanExistsFor, POOL.HaAllowOvercommit, POOL.RollingUpgrade)
                .values("ha-pool", "HA Pool", true, 1L, 1L, false, true).returning(POOL.Id).fetchOne().getId();
        dsl.insertInto(HOST, HOST.UUID, HOST.Name, HOST.PoolId).values("ha-h1", "A1", poolId).values("ha-h2", "A2", poolId)
                .execute();
        dsl.insertInto(HOSTTAG, HOSTTAG.HostUuid, HOSTTAG.Tag).values("ha-h1", "xcp-balancer:label=ssd")
                .values("ha-h1", "x".repeat(1000)).execute();
        dsl.insertInto(VM, VM.UUID, VM.Name, VM.PoolId, VM.PowerState, VM.Migratable, VM.Passthrough, VM.CurrentOperation,
                VM.HaRestartPriority, VM.AffinityHostUuid)
                .values("ha-v1", "db1", poolId, "Running", false, "vgpu", "pool_migrate", "restart", "ha-h2")
                .execute();
        dsl.insertInto(VM, VM.UUID, VM.Name, VM.PoolId, VM.PowerState).values("ha-v2", "db2", poolId, "Running").execute();
        dsl.insertInto(VMGROUP, VMGROUP.UUID, VMGROUP.PoolId, VMGROUP.Name, VMGROUP.Placement)
                .values("g1", poolId, "databases", "anti_affinity").values("g2", poolId, "all", "normal").execute();
        dsl.insertInto(VMGROUPMEMBER, VMGROUPMEMBER.GroupUuid, VMGROUPMEMBER.VmUuid).values("g1", "ha-v1")
                .values("g1", "ha-v2").values("g2", "ha-v1").execute();

        PoolStateRepository repository = new PoolStateRepository(db.database());
        PoolState state = repository.load(repository.pool("HA Pool").orElseThrow());

        assertThat(state.ha()).isEqualTo(new PoolHa(true, 1, 1, false));
        assertThat(state.rollingUpgrade()).isTrue();
        assertThat(state.groups()).containsExactly(new VmGroup("g2", "all", "normal"),
                new VmGroup("g1", "databases", "anti_affinity"));
        assertThat(state.findHost("A1").orElseThrow().tags()).containsExactlyInAnyOrder("xcp-balancer:label=ssd",
                "x".repeat(1000));
        assertThat(state.findHost("A2").orElseThrow().tags()).isEmpty();
        VmState pinned = state.findVm("db1").orElseThrow();
        assertThat(pinned.migratable()).isFalse();
        assertThat(pinned.passthrough()).isEqualTo("vgpu");
        assertThat(pinned.currentOperation()).isEqualTo("pool_migrate");
        assertThat(pinned.haRestartPriority()).isEqualTo("restart");
        assertThat(pinned.affinityHostUuid()).isEqualTo("ha-h2");
        assertThat(pinned.groupUuids()).containsExactlyInAnyOrder("g1", "g2");
        VmState plain = state.findVm("db2").orElseThrow();
        assertThat(plain.migratable()).isTrue();
        assertThat(plain.passthrough()).isNull();
        assertThat(plain.currentOperation()).isNull();
        assertThat(plain.haRestartPriority()).isEmpty();
        assertThat(plain.affinityHostUuid()).isNull();
        assertThat(plain.groupUuids()).containsExactly("g1");
    }
}
