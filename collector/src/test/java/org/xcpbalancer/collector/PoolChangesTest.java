package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;
import static org.xcpbalancer.core.db.generated.Tables.VMTAG;

import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.generated.tables.records.VmRecord;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/**
 * The database follows the pool across runs: halted VMs, tags, a migration, VMs and hosts that leave, and a
 * second pool in the same database that is never touched. Scenario uuids derive from names, so a second
 * simulator of the "same" pool without some VM is that pool after the VM was deleted.
 */
@ExtendWith(MariaDbExtension.class)
class PoolChangesTest {
    private static final String FULL = """
            {"pool": "Lab Pool",
             "hosts": [{"name": "LabA", "cpus": 4, "memoryMb": 8192, "master": true},
                       {"name": "LabB", "cpus": 4, "memoryMb": 8192},
                       {"name": "LabC", "cpus": 2, "memoryMb": 4096}],
             "vms": [{"name": "web", "host": "LabA", "vcpus": 2, "memoryMb": 1024, "cpu": 0.5, "tags": ["prod", "xcp-balancer:ignore"]},
                     {"name": "db", "host": "LabB", "vcpus": 2, "memoryMb": 2048, "cpu": 0.25},
                     {"name": "old", "host": "LabB", "vcpus": 1, "memoryMb": 512, "cpu": 0.1, "tags": ["legacy"]},
                     {"name": "spare", "powerState": "Halted", "vcpus": 3, "memoryMb": 768}]}
            """;
    /** The same pool after "old" was deleted and LabC left the pool. */
    private static final String SHRUNK = """
            {"pool": "Lab Pool",
             "hosts": [{"name": "LabA", "cpus": 4, "memoryMb": 8192, "master": true},
                       {"name": "LabB", "cpus": 4, "memoryMb": 8192}],
             "vms": [{"name": "web", "host": "LabA", "vcpus": 2, "memoryMb": 1024, "cpu": 0.5, "tags": ["prod"]},
                     {"name": "db", "host": "LabB", "vcpus": 2, "memoryMb": 2048, "cpu": 0.25},
                     {"name": "spare", "powerState": "Halted", "vcpus": 3, "memoryMb": 768}]}
            """;

    private static VmRecord vm(DSLContext db, String name) {
        return db.selectFrom(VM).where(VM.Name.eq(name)).fetchOne();
    }

    @Test
    void haltedVmHasConfiguredMemoryAndVcpusAndNullLiveMetricsAndNoMapRow(TestDatabase database) throws Exception {
        try (RunningSimulator simulator = SimulatedPool.start(FULL, SimulatorOptions.defaults())) {
            OneCollection.collect(SimulatedPool.xapi(simulator), database.database());
        }
        DSLContext db = database.database().dsl();
        VmRecord spare = vm(db, "spare");
        assertThat(spare.getPowerState()).isEqualTo("Halted");
        assertThat(spare.getMemoryMb()).isEqualTo(768L);
        assertThat(spare.getVcpuNum()).isEqualTo(3);
        assertThat(spare.getVcpuAverage()).isNull();
        assertThat(spare.getMemoryInternalFreeMb()).isNull();
        assertThat(spare.getVif0RxKb()).isNull();
        assertThat(spare.getVif0TxKb()).isNull();
        assertThat(spare.getMetricsAt()).isNull();
        assertThat(db.fetchCount(MAP, MAP.VmUuid.eq(spare.getUUID()))).isZero();
        assertThat(SimulatedPool.placement(db)).doesNotContainKey("spare").containsEntry("web", "LabA");
    }

    @Test
    void migratedVmChangesItsMapRowAndLeaversLoseTheirRows(TestDatabase database) throws Exception {
        Database store = database.database();
        DSLContext db = store.dsl();
        try (RunningSimulator simulator = SimulatedPool.start(FULL, SimulatorOptions.defaults())) {
            OneCollection.collect(SimulatedPool.xapi(simulator), store);
            assertThat(SimulatedPool.placement(db)).containsEntry("db", "LabB");
            assertThat(db.select(VMTAG.Tag).from(VMTAG).join(VM).on(VM.UUID.eq(VMTAG.VmUuid)).where(VM.Name.eq("web"))
                    .fetch(VMTAG.Tag)).containsExactlyInAnyOrder("prod", "xcp-balancer:ignore");

            simulator.model().moveVm(simulator.model().vmByName("db"), simulator.model().hostByName("LabA"));
            OneCollection.collect(SimulatedPool.xapi(simulator), store);
            assertThat(SimulatedPool.placement(db)).containsEntry("db", "LabA").containsEntry("web", "LabA")
                    .containsEntry("old", "LabB");
        }
        String oldUuid = vm(db, "old").getUUID();
        String labC = db.select(HOST.UUID).from(HOST).where(HOST.Name.eq("LabC")).fetchSingle(HOST.UUID);
        int labCSamples = db.fetchCount(HOSTSAMPLE, HOSTSAMPLE.HostUuid.eq(labC));
        assertThat(labCSamples).isPositive();

        try (RunningSimulator shrunk = SimulatedPool.start(SHRUNK, SimulatorOptions.defaults())) {
            OneCollection.collect(SimulatedPool.xapi(shrunk), store);
        }
        assertThat(db.fetchCount(VM, VM.UUID.eq(oldUuid))).isZero();
        assertThat(db.fetchCount(MAP, MAP.VmUuid.eq(oldUuid))).isZero();
        assertThat(db.fetchCount(VMTAG, VMTAG.VmUuid.eq(oldUuid))).isZero();
        assertThat(db.fetchCount(HOST, HOST.UUID.eq(labC))).isZero();
        assertThat(db.fetchCount(MAP, MAP.HostUuid.eq(labC))).isZero();
        // web lost a tag; history outlives the host that left
        assertThat(db.select(VMTAG.Tag).from(VMTAG).where(VMTAG.VmUuid.eq(vm(db, "web").getUUID())).fetch(VMTAG.Tag))
                .containsExactly("prod");
        assertThat(db.fetchCount(HOSTSAMPLE, HOSTSAMPLE.HostUuid.eq(labC))).isEqualTo(labCSamples);
        assertThat(db.select(HOST.Name).from(HOST).join(POOL).on(POOL.Id.eq(HOST.PoolId)).where(POOL.Name.eq("Lab Pool"))
                .fetch(HOST.Name)).containsExactlyInAnyOrder("LabA", "LabB");
    }

    @Test
    void twoPoolsShareTheDatabaseWithoutTouchingEachOther(TestDatabase database) throws Exception {
        Database store = database.database();
        DSLContext db = store.dsl();
        try (RunningSimulator lab = SimulatedPool.start(FULL, SimulatorOptions.defaults());
                RunningSimulator paper = SimulatedPool.paper(SimulatorOptions.defaults())) {
            OneCollection.collect(SimulatedPool.xapi(lab), store);
            OneCollection.collect(SimulatedPool.xapi(paper), store);
            OneCollection.collect(SimulatedPool.xapi(lab), store);
        }
        List<String> pools = db.select(POOL.Name).from(POOL).fetch(POOL.Name);
        assertThat(pools).contains("Lab Pool", "Main Pool");
        assertThat(SimulatedPool.placement(db)).containsEntry("VM2 - Debian", "Host2").containsEntry("web", "LabA");
        int mainPool = db.select(POOL.Id).from(POOL).where(POOL.Name.eq("Main Pool")).fetchSingle(POOL.Id);
        assertThat(db.fetchCount(VM, VM.PoolId.eq(mainPool))).isEqualTo(5);
        assertThat(db.fetchCount(HOST, HOST.PoolId.eq(mainPool))).isEqualTo(2);
    }
}
