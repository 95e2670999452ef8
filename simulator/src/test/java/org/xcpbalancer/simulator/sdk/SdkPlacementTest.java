package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.TestPools;
import org.xcpbalancer.simulator.model.PlacementModel.HaSettings;

/**
 * Placement facts through the 8.1 SDK (and raw calls for what it lacks): tags, VM groups, affinity,
 * allowed_operations with passthrough devices and held operations, and pool_migrate's refusals with xapi's
 * error parameters.
 */
class SdkPlacementTest {

    private static final Map<String, String> LIVE = Map.of("live", "true");

    private RunningSimulator simulator;
    private Connection connection;
    private RawCalls raw;

    @BeforeEach
    void start() throws Exception {
        simulator = SimulatorServer.start(TestPools.placement(), SimulatorOptions.defaults());
        connection = SdkSupport.login(simulator.masterUrl());
        raw = RawCalls.login(simulator.masterUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private VM vm(String name) throws Exception {
        return VM.getByNameLabel(connection, name).iterator().next();
    }

    private Host host(String name) throws Exception {
        return Host.getByNameLabel(connection, name).iterator().next();
    }

    @Test
    void tagsAreAddedRemovedAndSetAsSets() throws Exception {
        VM web = vm("web");
        web.addTags(connection, "xcp-balancer:run-on=ssd");
        web.addTags(connection, "xcp-balancer:run-on=ssd");
        assertThat(web.getTags(connection)).containsExactlyInAnyOrder("xcp-balancer:prefer=ssd", "xcp-balancer:run-on=ssd");
        web.removeTags(connection, "xcp-balancer:prefer=ssd");
        web.removeTags(connection, "not there");
        assertThat(web.getTags(connection)).containsExactly("xcp-balancer:run-on=ssd");
        web.setTags(connection, Set.of());
        assertThat(web.getRecord(connection).tags).isEmpty();

        Host c = host("C");
        assertThat(c.getTags(connection)).isEmpty();
        c.addTags(connection, "xcp-balancer:label=ssd");
        assertThat(c.getTags(connection)).containsExactly("xcp-balancer:label=ssd");
        c.setTags(connection, Set.of("a", "b"));
        c.removeTags(connection, "a");
        assertThat(Host.getAllRecords(connection).get(c).tags).containsExactly("b");
        assertThat(host("B").getTags(connection)).containsExactlyInAnyOrder("xcp-balancer:label=ssd", "rack-2");
    }

    @Test
    void vmGroupsAreCreatedJoinedAndDestroyedAsXapiDoes() throws Exception {
        String databases = (String) ((Object[]) raw.call("VM_group.get_by_name_label", "databases"))[0];
        assertThat(raw.call("VM_group.get_placement", databases)).isEqualTo("anti_affinity");
        assertThat((Object[]) raw.call("VM_group.get_VMs", databases))
                .containsExactlyInAnyOrder(vm("db1").toWireString(), vm("db2").toWireString());
        assertThat((Object[]) raw.call("VM.get_groups", vm("db1").toWireString())).containsExactly(databases);

        String front = (String) raw.call("VM_group.create",
                Map.of("name_label", "front", "name_description", "web tier", "placement", "normal"));
        @SuppressWarnings("unchecked")
        Map<String, Object> all = (Map<String, Object>) raw.call("VM_group.get_all_records");
        assertThat(all).containsKeys(databases, front);
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) all.get(front);
        assertThat(record).containsEntry("name_label", "front").containsEntry("placement", "normal");

        raw.call("VM.set_groups", vm("web").toWireString(), new Object[] {front});
        assertThat((Object[]) raw.call("VM_group.get_VMs", front)).containsExactly(vm("web").toWireString());
        assertThat(raw.error("VM.set_groups", vm("web").toWireString(), new Object[] {front, databases}))
                .containsExactly("TOO_MANY_GROUPS");
        String dom0 = host("A").getControlDomain(connection).toWireString();
        assertThat(raw.error("VM.set_groups", dom0, new Object[] {front})).containsExactly("OPERATION_NOT_ALLOWED",
                "Control domains, templates, and snapshots cannot be added to VM groups.");
        assertThat(raw.error("VM_group.create", Map.of("name_label", "x", "name_description", "", "placement", "spread")))
                .containsExactly("FIELD_TYPE_ERROR", "placement");

        raw.call("VM_group.destroy", front);
        assertThat((Object[]) raw.call("VM.get_groups", vm("web").toWireString())).isEmpty();
        assertThat(raw.error("VM_group.get_record", front)).containsExactly("HANDLE_INVALID", "VM_group", front);
    }

    @Test
    void vmGroupsComeAndGoAsEvents() throws Exception {
        Map<?, ?> initial = (Map<?, ?>) raw.call("event.from", new Object[] {"vm_group"}, "", 1.0);
        assertThat((Object[]) initial.get("events")).hasSize(1);
        String front = (String) raw.call("VM_group.create",
                Map.of("name_label", "front", "name_description", "", "placement", "anti_affinity"));
        Map<?, ?> added = (Map<?, ?>) raw.call("event.from", new Object[] {"vm_group"}, initial.get("token"), 1.0);
        assertThat(operations(added)).containsExactly("add " + front);
        raw.call("VM_group.destroy", front);
        Map<?, ?> deleted = (Map<?, ?>) raw.call("event.from", new Object[] {"vm_group"}, added.get("token"), 1.0);
        assertThat(operations(deleted)).containsExactly("del " + front);
    }

    private static List<String> operations(Map<?, ?> batch) {
        return Arrays.stream((Object[]) batch.get("events"))
                .map(e -> ((Map<?, ?>) e).get("operation") + " " + ((Map<?, ?>) e).get("ref")).toList();
    }

    @Test
    void affinityIsTheHomeHost() throws Exception {
        VM web = vm("web");
        assertThat(web.getAffinity(connection)).isEqualTo(host("C"));
        web.setAffinity(connection, host("B"));
        assertThat(web.getRecord(connection).affinity).isEqualTo(host("B"));
        raw.call("VM.set_affinity", web.toWireString(), "OpaqueRef:NULL");
        assertThat(web.getAffinity(connection).toWireString()).isEqualTo("OpaqueRef:NULL");
    }

    @Test
    void passthroughDevicesPinAVmToItsHost() throws Exception {
        VM gpu = vm("gpu");
        VM nic = vm("nic");
        VM.Record gpuRecord = gpu.getRecord(connection);
        assertThat(gpuRecord.VGPUs).hasSize(1);
        assertThat(gpuRecord.allowedOperations).doesNotContain(Types.VmOperations.POOL_MIGRATE,
                Types.VmOperations.SUSPEND).contains(Types.VmOperations.CLEAN_SHUTDOWN);
        assertThat(nic.getRecord(connection).attachedPCIs).hasSize(1);
        assertThat(nic.getAllowedOperations(connection)).doesNotContain(Types.VmOperations.POOL_MIGRATE);
        assertThat(vm("web").getAllowedOperations(connection)).contains(Types.VmOperations.POOL_MIGRATE);

        assertThatThrownBy(() -> gpu.poolMigrate(connection, host("C"), LIVE)).isInstanceOf(Types.VmHasVgpu.class);
        assertThat(raw.error("VM.pool_migrate", gpu.toWireString(), host("C").toWireString(), LIVE))
                .containsExactly("VM_HAS_VGPU", gpu.toWireString());
        assertThatThrownBy(() -> nic.poolMigrate(connection, host("C"), LIVE)).isInstanceOf(Types.VmHasPciAttached.class);
        assertThat(raw.error("VM.pool_migrate", nic.toWireString(), host("C").toWireString(), LIVE))
                .containsExactly("VM_HAS_PCI_ATTACHED", nic.toWireString());
        assertThat(gpu.getResidentOn(connection)).isEqualTo(host("A"));
    }

    @Test
    void aHeldOperationEmptiesAllowedOperationsAndRefusesMigration() throws Exception {
        VM busy = vm("busy");
        Map<String, Types.VmOperations> current = busy.getCurrentOperations(connection);
        assertThat(current).hasSize(1).containsValue(Types.VmOperations.SNAPSHOT);
        assertThat(busy.getAllowedOperations(connection)).isEmpty();
        String taskRef = current.keySet().iterator().next();
        assertThatThrownBy(() -> busy.poolMigrate(connection, host("B"), LIVE))
                .isInstanceOf(Types.OtherOperationInProgress.class);
        assertThat(raw.error("VM.pool_migrate", busy.toWireString(), host("B").toWireString(), LIVE))
                .containsExactly("OTHER_OPERATION_IN_PROGRESS", "VM", busy.toWireString(), "snapshot", taskRef);

        simulator.admin().holdOperation("busy", null);
        assertThat(busy.getCurrentOperations(connection)).isEmpty();
        assertThat(busy.getAllowedOperations(connection)).contains(Types.VmOperations.POOL_MIGRATE);
        simulator.admin().holdOperation("web", "clean_shutdown");
        assertThat(vm("web").getCurrentOperations(connection)).containsValue(Types.VmOperations.CLEAN_SHUTDOWN);
    }

    @Test
    void haFieldsAndTheFailoverPlanCheckOnMigration() throws Exception {
        Pool.Record pool = Pool.getAllRecords(connection).values().iterator().next();
        assertThat(pool.haEnabled).isTrue();
        assertThat(pool.haHostFailuresToTolerate).isEqualTo(1L);
        assertThat(pool.haPlanExistsFor).isEqualTo(1L);
        assertThat(pool.haAllowOvercommit).isFalse();
        assertThat(pool.haOvercommitted).isFalse();
        VM.Record db1 = vm("db1").getRecord(connection);
        assertThat(db1.haRestartPriority).isEqualTo("restart");
        assertThat(db1.haAlwaysRun).isTrue();
        assertThat(vm("web").getHaRestartPriority(connection)).isEqualTo("best-effort");

        // db1 (4000 MB) onto C: if C then failed, db1 would fit on neither A nor B (2864 MB free each, db1 still
        // counted on A while in flight): xapi refuses.
        assertThatThrownBy(() -> vm("db1").poolMigrate(connection, host("C"), LIVE))
                .isInstanceOf(Types.HaOperationWouldBreakFailoverPlan.class);
        assertThat(raw.error("VM.pool_migrate", vm("db1").toWireString(), host("C").toWireString(), LIVE))
                .containsExactly("HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN");
        assertThat(vm("db1").getResidentOn(connection)).isEqualTo(host("A"));
        // web (1000 MB) onto B keeps a plan: whichever host fails, its protected VM fits on C.
        vm("web").poolMigrate(connection, host("B"), LIVE);
        assertThat(vm("web").getResidentOn(connection)).isEqualTo(host("B"));

        @SuppressWarnings("unchecked")
        Map<String, Long> refusals = (Map<String, Long>) simulator.admin().state().get("migrationRefusals");
        assertThat(refusals).containsOnly(Map.entry("HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN", 2L));
    }

    @Test
    void overcommitAllowedLetsTheSameMoveThroughAndThePlanFiguresFollowThePool() throws Exception {
        simulator.admin().setHa(new HaSettings(true, 1, true));
        vm("db1").poolMigrate(connection, host("C"), LIVE);
        assertThat(vm("db1").getResidentOn(connection)).isEqualTo(host("C"));
        // Once db1 has left A, A has room for any failed host's protected VM again.
        Pool.Record pool = Pool.getAllRecords(connection).values().iterator().next();
        assertThat(pool.haOvercommitted).isFalse();
        assertThat(pool.haPlanExistsFor).isEqualTo(1L);

        // Two failures (A and B, or B and C) leave db2 nowhere to go: overcommitted, a plan for one only.
        simulator.admin().setHa(new HaSettings(true, 2, false));
        pool = Pool.getAllRecords(connection).values().iterator().next();
        assertThat(pool.haOvercommitted).isTrue();
        assertThat(pool.haPlanExistsFor).isEqualTo(1L);
        simulator.admin().setHa(new HaSettings(false, 1, false));
        pool = Pool.getAllRecords(connection).values().iterator().next();
        assertThat(pool.haEnabled).isFalse();
        assertThat(pool.haPlanExistsFor).isZero();
        assertThat((Map<?, ?>) simulator.admin().state().get("migrationRefusals")).isEmpty();
    }

    @Test
    void aRollingUpgradeShowsInThePoolAndLeavesOnlyItsOperations() throws Exception {
        simulator.model().placement().setRollingUpgrade(true);
        Pool.Record pool = Pool.getAllRecords(connection).values().iterator().next();
        assertThat(pool.otherConfig).containsKey("rolling_upgrade_in_progress");
        assertThat(vm("web").getAllowedOperations(connection)).contains(Types.VmOperations.POOL_MIGRATE)
                .doesNotContain(Types.VmOperations.SNAPSHOT, Types.VmOperations.CHANGING_DYNAMIC_RANGE);
    }

    @Test
    void theAdminApiHoldsOperationsAndSetsHa() throws Exception {
        assertThat(admin("POST", "/sim/vms/web/operation", "{\"operation\": \"export\"}").statusCode()).isEqualTo(200);
        assertThat(vm("web").getCurrentOperations(connection)).containsValue(Types.VmOperations.EXPORT);
        assertThat(admin("POST", "/sim/vms/web/operation", "{\"operation\": null}").statusCode()).isEqualTo(200);
        assertThat(vm("web").getCurrentOperations(connection)).isEmpty();
        assertThat(admin("POST", "/sim/vms/web/operation", "{\"operation\": 5}").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/sim/vms/nobody/operation", "{\"operation\": null}").statusCode()).isEqualTo(404);

        HttpResponse<String> ha = admin("POST", "/sim/ha", "{\"hostFailuresToTolerate\": 2}");
        assertThat(ha.statusCode()).isEqualTo(200);
        assertThat(ha.body()).contains("\"overcommitted\" : true", "\"planExistsFor\" : 1");
        assertThat(admin("POST", "/sim/ha", "{\"hostFailuresToTolerate\": 9}").statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/sim/state", null).body()).contains("\"migrationRefusals\"", "\"databases\"");
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.masterUrl() + path));
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
