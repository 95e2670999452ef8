package org.xcpbalancer.guard.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.xensource.xenapi.Message;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A crash told from an administrator's shutdown, his pause from the hypervisor's: by the VM's newest messages. */
class VmMessagesTest {
    private static Message.Record message(String name, String vmUuid, String at) {
        Message.Record m = new Message.Record();
        m.name = name;
        m.objUuid = vmUuid;
        m.timestamp = Date.from(Instant.parse(at));
        return m;
    }

    @Test
    void theNewestStartRebootAndShutdownOfEachVm() {
        Map<String, VmMessages> byVm = PoolViewReader.vmMessages(List.of(
                message("VM_STARTED", "a", "2026-12-01T10:00:00Z"), message("VM_SHUTDOWN", "a", "2026-12-01T11:00:00Z"),
                message("VM_REBOOTED", "b", "2026-12-01T12:00:00Z"), message("VM_STARTED", "b", "2026-12-01T09:00:00Z"),
                message("VM_SHUTDOWN", "b", "2026-12-01T10:00:00Z"), message("HOST_CLOCK_SKEW", "c", "2026-12-01T10:00:00Z")));

        assertThat(byVm.get("a").shutDownOnPurpose()).isTrue();
        assertThat(byVm.get("b")).isEqualTo(new VmMessages(Instant.parse("2026-12-01T12:00:00Z"),
                Instant.parse("2026-12-01T10:00:00Z")));
        assertThat(byVm.get("b").shutDownOnPurpose()).as("started again since").isFalse();
        assertThat(byVm).doesNotContainKey("c");
        assertThat(VmMessages.NONE.shutDownOnPurpose()).as("halted without a VM_SHUTDOWN: a crash").isFalse();
    }

    @Test
    void aPauseStandsUntilTheVmIsUnpausedOrStartedAgain() {
        Map<String, VmMessages> byVm = PoolViewReader.vmMessages(List.of(
                message("VM_STARTED", "a", "2026-12-01T10:00:00Z"),
                message("VM_PAUSED", "a", "2026-12-01T11:00:00Z"),
                message("VM_PAUSED", "b", "2026-12-01T10:00:00Z"), message("VM_UNPAUSED", "b", "2026-12-01T10:05:00Z"),
                message("VM_PAUSED", "c", "2026-12-01T10:00:00Z"),
                message("VM_REBOOTED", "c", "2026-12-01T10:01:00Z")));

        assertThat(byVm.get("a").pausedOnPurpose()).isTrue();
        assertThat(byVm.get("a").lastPausedAt()).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(byVm.get("b").pausedOnPurpose()).as("unpaused since: a later pause is not its administrator's")
                .isFalse();
        assertThat(byVm.get("c").pausedOnPurpose()).as("hard-rebooted since").isFalse();
        assertThat(VmMessages.NONE.pausedOnPurpose()).as("paused without a VM_PAUSED: the hypervisor's").isFalse();
    }

    @Test
    void aShutdownInTheSameSecondAsAStartIsARestartNotAShutdown() {
        Instant second = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(new VmMessages(second, second).shutDownOnPurpose()).as("stamped to the whole second").isFalse();
        assertThat(new VmMessages(second, second.plusSeconds(1)).shutDownOnPurpose()).isTrue();
        assertThat(new VmMessages(null, second).shutDownOnPurpose()).as("no start known").isTrue();
    }
}
