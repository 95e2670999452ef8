package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Message;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * VM.start, start_on, shutdowns, hard_reboot and power_state_reset through the 8.1 SDK with xapi's errors; crash,
 * hang, partition and fence through the admin API.
 */
class SdkVmPowerTest extends PowerPoolTestBase {

    @Test
    void startAndShutdownFollowXapiAndLeaveMessages() throws Exception {
        VM spare = vm("spare");
        assertThat(spare.getOrder(connection)).isEqualTo(2L);
        spare.start(connection, false, false);
        advance(Duration.ofSeconds(1));
        assertThat(spare.getPowerState(connection)).isEqualTo(Types.VmPowerState.RUNNING);
        Host host = spare.getResidentOn(connection);
        assertThat(host.getResidentVMs(connection)).contains(spare);
        assertThat(spare.getGuestMetrics(connection).getLive(connection)).isTrue();
        assertError(() -> spare.start(connection, false, false), "VM_BAD_POWER_STATE", ref(spare), "halted", "running");

        spare.cleanShutdown(connection);
        assertThat(spare.getPowerState(connection)).isEqualTo(Types.VmPowerState.HALTED);
        assertThat(spare.getResidentOn(connection).toWireString()).isEqualTo("OpaqueRef:NULL");
        assertError(() -> spare.cleanShutdown(connection), "VM_BAD_POWER_STATE", ref(spare), "running", "halted");
        assertError(() -> spare.hardShutdown(connection), "VM_BAD_POWER_STATE", ref(spare),
                "paused, suspended, running", "halted");
        assertError(() -> spare.hardReboot(connection), "VM_BAD_POWER_STATE", ref(spare), "paused, running", "halted");
        assertThat(messages("spare")).containsExactly("VM_STARTED", "VM_SHUTDOWN");

        VM web = vm("web");
        long domid = web.getDomid(connection);
        web.hardReboot(connection);
        advance(Duration.ofSeconds(1));
        assertThat(web.getDomid(connection)).isNotEqualTo(domid);
        web.hardShutdown(connection);
        assertThat(messages("web")).containsExactly("VM_REBOOTED", "VM_SHUTDOWN");
        // message.get_since: only what came after the given time (the reboot's second excluded).
        assertThat(Message.getSince(connection, Date.from(clock.now().minusSeconds(1))).values())
                .extracting(m -> m.name + " " + m.body).containsExactly("VM_SHUTDOWN VM 'web' (uuid: "
                        + web.getUuid(connection) + ") shutdown forcibly");
    }

    @Test
    void startChecksTheHostAsAssertCanBootHere() throws Exception {
        VM big = vm("big");
        String needed = Long.toString(3300L * 1024 * 1024);
        assertError(() -> big.start(connection, false, false), "HOST_NOT_ENOUGH_FREE_MEMORY", needed,
                Long.toString(3280L * 1024 * 1024));
        Host b = host("B");
        assertError(() -> big.startOn(connection, b, false, false), "HOST_NOT_ENOUGH_FREE_MEMORY", needed,
                Long.toString((3280L - 1024) * 1024 * 1024));
        b.disable(connection);
        assertError(() -> vm("spare").startOn(connection, b, false, false), "HOST_DISABLED", ref(b));
        simulator.admin().killHost("C");
        // Until the master notices (30 s here), it forwards the start to C, which does not answer.
        assertError(() -> vm("spare").startOn(connection, host("C"), false, false), "HOST_OFFLINE", ref(host("C")));
        advance(Duration.ofSeconds(31));
        eventually(() -> !call(() -> host("C").getMetrics(connection).getLive(connection)));
        assertError(() -> vm("spare").startOn(connection, host("C"), false, false), "HOST_NOT_LIVE");
        assertThat(vm("spare").getPowerState(connection)).isEqualTo(Types.VmPowerState.HALTED);
        vm("spare").startOn(connection, host("A"), false, false);
        assertThat(vm("spare").getResidentOn(connection)).isEqualTo(host("A"));
        VM dom0 = host("A").getControlDomain(connection);
        assertError(() -> dom0.cleanShutdown(connection), "OPERATION_NOT_ALLOWED",
                "This operation is not allowed on a control domain");
        assertError(() -> dom0.powerStateReset(connection), "CANNOT_RESET_CONTROL_DOMAIN", ref(dom0));
    }

    @Test
    void powerStateResetOnlyForAVmWhoseHostIsDead() throws Exception {
        VM web = vm("web");
        Host b = host("B");
        assertError(() -> web.powerStateReset(connection), "HOST_IS_LIVE", ref(b));
        assertError(() -> vm("onA").powerStateReset(connection), "DOMAIN_EXISTS", ref(vm("onA")));
        admin("/sim/hosts/B/kill");
        // The master has not noticed yet, but cannot reach B: a real xapi then treats the host as dead.
        assertThat(b.getMetrics(connection).getLive(connection)).isTrue();
        assertThat(web.getPowerState(connection)).isEqualTo(Types.VmPowerState.RUNNING);
        assertThat(refused("127.0.0.2")).isTrue();
        advance(Duration.ofSeconds(31));
        eventually(() -> !call(() -> b.getMetrics(connection).getLive(connection)));
        assertThat(web.getResidentOn(connection)).isEqualTo(b);
        web.powerStateReset(connection);
        assertThat(web.getPowerState(connection)).isEqualTo(Types.VmPowerState.HALTED);
        vm("spare").powerStateReset(connection); // a halted VM may always be reset
    }

    @Test
    void crashHangPartitionAndFenceThroughTheAdminApi() throws Exception {
        VM web = vm("web");
        VM onA = vm("onA");
        admin("/sim/vms/onA/crash");
        assertThat(onA.getPowerState(connection)).isEqualTo(Types.VmPowerState.HALTED);
        assertThat(messages("onA")).isEmpty(); // no VM_SHUTDOWN: nobody shut it down

        Instant before = web.getGuestMetrics(connection).getLastUpdated(connection).toInstant();
        admin("/sim/vms/web/hang");
        advance(Duration.ofSeconds(200));
        assertThat(web.getPowerState(connection)).isEqualTo(Types.VmPowerState.RUNNING);
        Instant hung = web.getGuestMetrics(connection).getLastUpdated(connection).toInstant();
        assertThat(hung).isAfterOrEqualTo(before).isBefore(clock.now().minusSeconds(100));
        assertThat(web.getGuestMetrics(connection).getLive(connection)).isTrue();
        advance(Duration.ofSeconds(120));
        assertThat(web.getGuestMetrics(connection).getLive(connection)).isFalse();

        vm("spare").startOn(connection, host("C"), false, false);
        admin("/sim/hosts/C/partition");
        advance(Duration.ofSeconds(31));
        eventually(() -> !call(() -> host("C").getMetrics(connection).getLive(connection)));
        JsonNode spareState = vmState("spare");
        assertThat(spareState.get("heartbeating").asBoolean()).isTrue();
        assertThat(spareState.get("powerState").asText()).isEqualTo("Running");
        assertThat(refused("127.0.0.3")).isFalse();

        // The fence command a test configures: plain bash, no curl (docs/simulator.md, "A fence command").
        String fence = "exec 3<>/dev/tcp/127.0.0.1/" + simulator.port() + "; printf \"POST /sim/hosts/$1/fence "
                + "HTTP/1.0\\r\\nContent-Length: 0\\r\\n\\r\\n\" >&3; head -1 <&3";
        Process process = new ProcessBuilder("bash", "-c", fence, "fence", "C").redirectErrorStream(true).start();
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        assertThat(answer).startsWith("HTTP/1.1 200");
        eventually(() -> refused("127.0.0.3"));
        assertThat(hostState("C").get("power").asText()).isEqualTo("off");
        assertThat(hostState("C").get("watts").asDouble()).isZero();
    }
}
