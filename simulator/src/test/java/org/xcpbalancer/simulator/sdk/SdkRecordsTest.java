package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.HostCpu;
import com.xensource.xenapi.HostMetrics;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import com.xensource.xenapi.VMGuestMetrics;
import com.xensource.xenapi.VMMetrics;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.TestPools;

/** Login and every record class, decoded by the official 8.1 Java SDK. */
class SdkRecordsTest {

    private static RunningSimulator simulator;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        simulator = SimulatorServer.start(TestPools.paper(), SimulatorOptions.defaults());
        connection = SdkSupport.login(simulator.masterUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void loginGivesASessionOnTheMaster() throws Exception {
        Session session = Types.toSession(connection.getSessionReference());
        Host thisHost = session.getThisHost(connection);
        assertThat(thisHost.getNameLabel(connection)).isEqualTo("Host1");
    }

    @Test
    void poolRecordNamesTheMaster() throws Exception {
        Map<Pool, Pool.Record> pools = Pool.getAllRecords(connection);
        assertThat(pools).hasSize(1);
        Pool.Record pool = pools.values().iterator().next();
        SdkSupport.assertNoNullFields(pool);
        assertThat(pool.nameLabel).isEqualTo("Main Pool");
        Host master = pools.keySet().iterator().next().getMaster(connection);
        assertThat(master.getNameLabel(connection)).isEqualTo("Host1");
        assertThat(master.getAddress(connection)).isEqualTo("127.0.0.1");
    }

    @Test
    @SuppressWarnings("deprecation") // host_cpu is deprecated in XAPI but still served and still in the SDK
    void hostRecordsDecodeWithEveryField() throws Exception {
        Map<Host, Host.Record> hosts = Host.getAllRecords(connection);
        assertThat(hosts).hasSize(2);
        for (Map.Entry<Host, Host.Record> entry : hosts.entrySet()) {
            Host.Record host = entry.getValue();
            SdkSupport.assertNoNullFields(host);
            assertThat(host.APIVersionMajor).isEqualTo(2L);
            assertThat(host.enabled).isTrue();
            assertThat(host.hostCPUs).hasSize(4);
            assertThat(host.allowedOperations).doesNotContain(Types.HostAllowedOperations.UNRECOGNIZED);
            assertThat(Host.getByUuid(connection, host.uuid)).isEqualTo(entry.getKey());
            HostMetrics.Record metrics = host.metrics.getRecord(connection);
            SdkSupport.assertNoNullFields(metrics);
            assertThat(metrics.live).isTrue();
            assertThat(metrics.memoryTotal).isEqualTo(4069L * 1024 * 1024);
            assertThat(metrics.memoryFree).isEqualTo(entry.getKey().computeFreeMemory(connection));
            for (HostCpu cpu : host.hostCPUs) {
                HostCpu.Record cpuRecord = cpu.getRecord(connection);
                SdkSupport.assertNoNullFields(cpuRecord);
                assertThat(cpuRecord.host).isEqualTo(entry.getKey());
            }
        }
        assertThat(HostMetrics.getAllRecords(connection)).hasSize(2);
        assertThat(HostCpu.getAllRecords(connection)).hasSize(8);
    }

    @Test
    void vmRecordsIncludeControlDomainsTemplatesAndASnapshot() throws Exception {
        Map<VM, VM.Record> vms = VM.getAllRecords(connection);
        long guests = vms.values().stream().filter(v -> !v.isATemplate && !v.isControlDomain).count();
        long controlDomains = vms.values().stream().filter(v -> v.isControlDomain).count();
        long snapshots = vms.values().stream().filter(v -> v.isASnapshot).count();
        long templates = vms.values().stream().filter(v -> v.isATemplate && !v.isASnapshot).count();
        assertThat(guests).isEqualTo(3);
        assertThat(controlDomains).isEqualTo(2);
        assertThat(snapshots).isGreaterThanOrEqualTo(1);
        assertThat(templates).isGreaterThanOrEqualTo(1);
        for (VM.Record vm : vms.values()) {
            SdkSupport.assertNoNullFields(vm);
            assertThat(vm.powerState).isNotEqualTo(Types.VmPowerState.UNRECOGNIZED);
            assertThat(vm.allowedOperations).doesNotContain(Types.VmOperations.UNRECOGNIZED);
            assertThat(vm.domainType).isNotEqualTo(Types.DomainType.UNRECOGNIZED);
            VMMetrics.Record metrics = vm.metrics.getRecord(connection);
            SdkSupport.assertNoNullFields(metrics);
        }
        VM.Record vm3 = vms.values().stream().filter(v -> v.nameLabel.equals("VM3 - Ubuntu")).findFirst().orElseThrow();
        assertThat(vm3.powerState).isEqualTo(Types.VmPowerState.RUNNING);
        assertThat(vm3.VCPUsMax).isEqualTo(3L);
        assertThat(vm3.memoryStaticMax).isEqualTo(1024L * 1024 * 1024);
        assertThat(vm3.residentOn.getNameLabel(connection)).isEqualTo("Host2");
        VMGuestMetrics.Record guest = vm3.guestMetrics.getRecord(connection);
        SdkSupport.assertNoNullFields(guest);
        assertThat(guest.osVersion.get("distro")).isEqualTo("ubuntu");
        assertThat(VMMetrics.getAllRecords(connection)).hasSize(vms.size());
        assertThat(VMGuestMetrics.getAllRecords(connection)).hasSize(3);
    }

    @Test
    void residentVmsOfAHostAreItsControlDomainAndItsGuests() throws Exception {
        Host host2 = Host.getByNameLabel(connection, "Host2").iterator().next();
        assertThat(host2.getResidentVMs(connection)).extracting(vm -> vm.getNameLabel(connection))
                .contains("VM2 - Debian", "VM3 - Ubuntu").hasSize(3);
        assertThat(host2.getServertime(connection)).isNotNull();
        assertThat(host2.getAPIVersionMinor(connection)).isEqualTo(15L);
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        Connection other = new Connection(new URL(simulator.masterUrl().toString()));
        assertThatThrownBy(() -> Session.loginWithPassword(other, "root", "wrong", "2.15", "test"))
                .isInstanceOf(Types.SessionAuthenticationFailed.class);
    }

    @Test
    void loginOnASlaveAddressNamesTheMaster() throws Exception {
        Connection slave = new Connection(new URL(simulator.hostUrl("127.0.0.2").toString()));
        assertThatThrownBy(() -> Session.loginWithPassword(slave, "root", "root", "2.15", "test"))
                .isInstanceOfSatisfying(Types.HostIsSlave.class,
                        e -> assertThat(e.masterIPAddress).isEqualTo("127.0.0.1"));
    }

    @Test
    void unknownHandleIsHandleInvalid() {
        assertThatThrownBy(() -> VM.getByUuid(connection, "00000000-0000-0000-0000-000000000000"))
                .isInstanceOf(Types.UuidInvalid.class);
        assertThatThrownBy(() -> Types.toVM("OpaqueRef:nonsense").getRecord(connection))
                .isInstanceOfSatisfying(Types.HandleInvalid.class, e -> assertThat(e.clazz).isEqualTo("VM"));
    }
}
