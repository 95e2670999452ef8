package org.xcpbalancer.guard.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.xensource.xenapi.Message;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a crash is told from an administrator's shutdown: by the VM's newest messages. */
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
    void aShutdownInTheSameSecondAsAStartIsARestartNotAShutdown() {
        Instant second = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(new VmMessages(second, second).shutDownOnPurpose()).as("stamped to the whole second").isFalse();
        assertThat(new VmMessages(second, second.plusSeconds(1)).shutDownOnPurpose()).isTrue();
        assertThat(new VmMessages(null, second).shutDownOnPurpose()).as("no start known").isTrue();
    }
}
