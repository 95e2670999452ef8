package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.Message;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.Types.VmOperations;
import com.xensource.xenapi.VM;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * VM.pause and VM.unpause through the 8.1 SDK with xapi's errors (xapi_vm_lifecycle.ml allowed_power_states), what
 * a Paused VM looks like in its records, and the hypervisor's pause through the admin API.
 */
class SdkVmPauseTest extends PowerPoolTestBase {

    @Test
    void aPausedVmKeepsItsHostDomainAndMemoryButItsHeartbeatStopsUntilUnpaused() throws Exception {
        VM web = vm("web");
        Host b = host("B");
        long domid = web.getDomid(connection);
        long freeOnB = b.computeFreeMemory(connection);

        web.pause(connection);
        Instant pausedAt = clock.now();
        advance(Duration.ofSeconds(400));

        assertThat(web.getPowerState(connection)).isEqualTo(Types.VmPowerState.PAUSED);
        assertThat(web.getResidentOn(connection)).isEqualTo(b);
        assertThat(web.getDomid(connection)).isEqualTo(domid);
        assertThat(b.computeFreeMemory(connection)).as("a paused domain holds its memory").isEqualTo(freeOnB);
        assertThat(web.getAllowedOperations(connection)).containsExactlyInAnyOrder(VmOperations.HARD_REBOOT,
                VmOperations.HARD_SHUTDOWN, VmOperations.UNPAUSE, VmOperations.CHECKPOINT, VmOperations.SNAPSHOT);
        assertThat(web.getGuestMetrics(connection).getLastUpdated(connection).toInstant()).isEqualTo(pausedAt);
        assertThat(web.getGuestMetrics(connection).getLive(connection)).as("silent for 400 s").isFalse();
        assertThat(vmState("web").get("heartbeating").asBoolean()).isFalse();

        web.unpause(connection);

        assertThat(web.getPowerState(connection)).isEqualTo(Types.VmPowerState.RUNNING);
        assertThat(web.getDomid(connection)).as("the same domain runs on").isEqualTo(domid);
        assertThat(web.getGuestMetrics(connection).getLive(connection)).isTrue();
        assertThat(web.getAllowedOperations(connection)).contains(VmOperations.PAUSE, VmOperations.POOL_MIGRATE)
                .doesNotContain(VmOperations.UNPAUSE);
        String uuid = web.getUuid(connection);
        assertThat(Message.getAllRecords(connection).values()).filteredOn(m -> uuid.equals(m.objUuid))
                .extracting(m -> m.name + " " + m.priority + " " + m.body).containsExactlyInAnyOrder(
                        "VM_PAUSED 5 VM 'web' (uuid: " + uuid + ") paused",
                        "VM_UNPAUSED 5 VM 'web' (uuid: " + uuid + ") unpaused");
    }

    @Test
    void pauseOnlyFromRunningUnpauseOnlyFromPausedAndAPausedVmCannotMigrate() throws Exception {
        VM spare = vm("spare");
        VM web = vm("web");
        assertError(() -> spare.pause(connection), "VM_BAD_POWER_STATE", ref(spare), "running", "halted");
        assertError(() -> spare.unpause(connection), "VM_BAD_POWER_STATE", ref(spare), "paused", "halted");
        assertError(() -> web.unpause(connection), "VM_BAD_POWER_STATE", ref(web), "paused", "running");
        VM dom0 = host("A").getControlDomain(connection);
        assertError(() -> dom0.pause(connection), "OPERATION_NOT_ALLOWED",
                "This operation is not allowed on a control domain");

        web.pause(connection);

        assertError(() -> web.pause(connection), "VM_BAD_POWER_STATE", ref(web), "running", "paused");
        assertError(() -> web.cleanShutdown(connection), "VM_BAD_POWER_STATE", ref(web), "running", "paused");
        assertError(() -> web.start(connection, false, false), "VM_BAD_POWER_STATE", ref(web), "halted", "paused");
        assertError(() -> web.poolMigrate(connection, host("C"), Map.of("live", "true")), "VM_BAD_POWER_STATE",
                ref(web), "running", "paused");
        // host.evacuate checks pool_migrate for every resident guest: a paused one keeps its host from evacuating
        assertThat(host("B").getVmsWhichPreventEvacuation(connection)).containsOnlyKeys(web)
                .hasEntrySatisfying(web, error -> assertThat(error).contains("VM_BAD_POWER_STATE", "paused"));
        assertThat(web.getResidentOn(connection)).isEqualTo(host("B"));
    }

    @Test
    void theHypervisorsPauseLeavesNoMessageAndHardRebootOrHardShutdownEndsIt() throws Exception {
        VM web = vm("web");
        VM onA = vm("onA");
        long domid = web.getDomid(connection);

        assertThat(admin("/sim/vms/web/pause").get("powerState").asText()).isEqualTo("Paused");
        admin("/sim/vms/onA/pause");

        assertThat(web.getPowerState(connection)).isEqualTo(Types.VmPowerState.PAUSED);
        assertThat(messages("web")).as("no VM_PAUSED: nobody called VM.pause").isEmpty();
        advance(Duration.ofSeconds(400));
        assertThat(web.getGuestMetrics(connection).getLive(connection)).isFalse();

        web.hardReboot(connection);

        assertThat(web.getPowerState(connection)).isEqualTo(Types.VmPowerState.RUNNING);
        assertThat(web.getDomid(connection)).isNotEqualTo(domid);
        assertThat(web.getResidentOn(connection)).isEqualTo(host("B"));
        assertThat(web.getGuestMetrics(connection).getLive(connection)).isTrue();
        assertThat(vmState("web").get("heartbeating").asBoolean()).isTrue();
        assertThat(messages("web")).containsExactly("VM_REBOOTED");

        long freeOnA = host("A").computeFreeMemory(connection);
        onA.hardShutdown(connection);
        assertThat(onA.getPowerState(connection)).isEqualTo(Types.VmPowerState.HALTED);
        assertThat(host("A").computeFreeMemory(connection)).isEqualTo(freeOnA + 512L * 1024 * 1024);
        assertThat(messages("onA")).containsExactly("VM_SHUTDOWN");
    }
}
