package org.xcpbalancer.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.xcpbalancer.core.db.generated.Tables.COLLECTIONRUN;
import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.HOSTSAMPLE;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.POOL;
import static org.xcpbalancer.core.db.generated.Tables.VM;
import static org.xcpbalancer.core.db.generated.Tables.VMSAMPLE;

import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xcpbalancer.core.db.generated.tables.records.CollectionRunRecord;
import org.xcpbalancer.core.db.generated.tables.records.HostRecord;
import org.xcpbalancer.core.db.generated.tables.records.VmRecord;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.MariaDbExtension;
import org.xcpbalancer.testkit.TestDatabase;

/** The original paper's unbalanced pool, collected once into a real MariaDB: the values a user would check. */
@ExtendWith(MariaDbExtension.class)
class PaperPoolCollectionTest {
    static RunningSimulator simulator;
    static CollectionResult result;
    static DSLContext db;

    @BeforeAll
    static void collect(TestDatabase database) throws Exception {
        simulator = SimulatorServer.start(ScenarioLoader.builtin("paper-unbalanced"), SimulatorOptions.defaults());
        db = database.database().dsl();
        result = OneCollection.collect(XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root")),
                database.database());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static Map<String, HostRecord> hosts() {
        return db.selectFrom(HOST).fetch().stream().collect(Collectors.toMap(HostRecord::getName, h -> h));
    }

    private static Map<String, VmRecord> vms() {
        return db.selectFrom(VM).fetch().stream().collect(Collectors.toMap(VmRecord::getName, v -> v));
    }

    @Test
    void summaryLineSaysWhatWasCollected() {
        assertThat(result.outcome()).isEqualTo(CollectionResult.Outcome.SUCCESS);
        assertThat(result.summaryLine()).matches("Collected pool Main Pool: 2 hosts, 5 VMs, \\d+ requests, \\d+\\.\\d\\d s");
    }

    @Test
    void hostCpuAveragesAreThePapers() {
        Map<String, HostRecord> hosts = hosts();
        assertThat(hosts).containsOnlyKeys("Host1", "Host2");
        assertThat(hosts.get("Host2").getCpuAverage()).isCloseTo(100.0, within(1.0));
        assertThat(hosts.get("Host1").getCpuAverage()).isCloseTo(25.0, within(3.0));
        assertThat(hosts.get("Host1").getCpuNum()).isEqualTo(4);
        assertThat(hosts.get("Host1").getMemoryTotalMb()).isEqualTo(4069L);
        assertThat(hosts.get("Host1").getMemoryFreeMb()).isBetween(1L, 4069L);
        assertThat(hosts.get("Host1").getIp()).isEqualTo(simulator.model().master().address());
        assertThat(hosts.get("Host1").getDom0LoadAvg()).isNotNull();
        assertThat(hosts.get("Host1").getPifEth0RxKb()).isNotNull();
        assertThat(hosts.get("Host1").getLive()).isTrue();
        assertThat(hosts.get("Host1").getMetricsAt()).isNotNull();
    }

    @Test
    void vmValuesAreThePapers() {
        Map<String, VmRecord> vms = vms();
        VmRecord vm2 = vms.get("VM2 - Debian");
        assertThat(vm2.getVcpuAverage()).isCloseTo(100.0, within(1.0));
        assertThat(vm2.getVcpuNum()).isEqualTo(2);
        assertThat(vm2.getMemoryMb()).isEqualTo(256L);
        assertThat(vm2.getPowerState()).isEqualTo("Running");
        assertThat(vm2.getIsControlDomain()).isFalse();
        assertThat(vm2.getMemoryInternalFreeMb()).isNotNull();
        assertThat(vm2.getVif0RxKb()).isNotNull();
        assertThat(vms.get("VM1 - Debian").getVcpuAverage()).isCloseTo(50.0, within(1.0));
    }

    @Test
    void templatesAndSnapshotsAreNeverRecorded() {
        var notVms = simulator.model().vms().stream().filter(v -> v.isTemplate() || v.isSnapshot()).map(v -> v.uuid())
                .toList();
        assertThat(notVms).isNotEmpty();
        assertThat(vms().values()).extracting(VmRecord::getUUID).doesNotContainAnyElementsOf(notVms);
        // 3 guests + one control domain per host
        assertThat(vms()).hasSize(5);
    }

    @Test
    void controlDomainsHaveNullGuestOnlyMetrics() {
        var controlDomains = vms().values().stream().filter(VmRecord::getIsControlDomain).toList();
        assertThat(controlDomains).hasSize(2);
        for (VmRecord dom0 : controlDomains) {
            assertThat(dom0.getMemoryInternalFreeMb()).isNull();
            assertThat(dom0.getVif0RxKb()).isNull();
            assertThat(dom0.getVif0TxKb()).isNull();
            assertThat(dom0.getPowerState()).isEqualTo("Running");
            assertThat(dom0.getMemoryMb()).isPositive();
        }
    }

    @Test
    void mapHasOneRowPerRunningVmOnItsHost() {
        Map<String, String> hostNameByUuid = hosts().values().stream()
                .collect(Collectors.toMap(HostRecord::getUUID, HostRecord::getName));
        Map<String, String> vmNameByUuid = vms().values().stream().collect(Collectors.toMap(VmRecord::getUUID, VmRecord::getName));
        Map<String, String> placement = db.selectFrom(MAP).fetch().stream()
                .collect(Collectors.toMap(m -> vmNameByUuid.get(m.getVmUuid()), m -> hostNameByUuid.get(m.getHostUuid())));
        assertThat(placement).containsEntry("VM1 - Debian", "Host1").containsEntry("VM2 - Debian", "Host2")
                .containsEntry("VM3 - Ubuntu", "Host2").hasSize(5);
    }

    @Test
    void poolRowRunRecordAndSamplesAreWritten() {
        var pool = db.selectFrom(POOL).fetchSingle();
        assertThat(pool.getName()).isEqualTo("Main Pool");
        assertThat(pool.getLastCollectedAt()).isNotNull();
        CollectionRunRecord run = db.selectFrom(COLLECTIONRUN).where(COLLECTIONRUN.Id.eq(result.runId())).fetchSingle();
        assertThat(run.getOutcome()).isEqualTo("success");
        assertThat(run.getHostCount()).isEqualTo(2);
        assertThat(run.getVmCount()).isEqualTo(5);
        assertThat(run.getXapiRequests()).isEqualTo((int) result.xapiRequests());
        assertThat(run.getFinishedAt()).isAfterOrEqualTo(run.getStartedAt());
        assertThat(db.fetchCount(HOSTSAMPLE, HOSTSAMPLE.Resolution.eq("raw"))).isEqualTo(2);
        assertThat(db.fetchCount(VMSAMPLE, VMSAMPLE.Resolution.eq("raw"))).isEqualTo(5);
    }

    @Test
    void requestsDoNotGrowWithVms() {
        // login, 6 x get_all_records (VM_group's raw), get_servertime, one /rrd_updates per host, logout
        assertThat(result.xapiRequests()).isEqualTo(1 + 6 + 1 + 2 + 1);
    }
}
