package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.TestPools;
import org.xcpbalancer.simulator.model.ManualClock;
import org.xcpbalancer.simulator.model.SimClock;

/** On a clock the test moves: migrations advance with pool time only, and finished tasks go after 65 minutes. */
class ManualClockTaskTest {

    private ManualClock clock;
    private RunningSimulator simulator;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        clock = SimClock.manual(Instant.parse("2026-01-01T12:00:00Z"));
        simulator = SimulatorServer.start(TestPools.paper(), clock, SimulatorOptions.defaults().withSeed(1L));
        connection = SdkSupport.login(simulator.masterUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        for (int i = 0; i < 250 && !condition.call(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.call()).isTrue();
    }

    @Test
    void migrationProgressesWithPoolTimeAndFinishedTasksAreCollected() throws Exception {
        VM vm1 = VM.getByNameLabel(connection, "VM1 - Debian").iterator().next();
        Host host2 = Host.getByNameLabel(connection, "Host2").iterator().next();
        Task task = vm1.poolMigrateAsync(connection, host2, Map.of("live", "true"));

        Thread.sleep(200); // real time passes, pool time does not
        assertThat(task.getProgress(connection)).isZero();

        clock.advance(Duration.ofMillis(5_120)); // half of 1 GiB at 100 MiB/s
        waitUntil(() -> task.getProgress(connection) >= 0.49);
        assertThat(task.getStatus(connection)).isEqualTo(Types.TaskStatusType.PENDING);
        assertThat(task.getProgress(connection)).isLessThan(0.51);

        clock.advance(Duration.ofSeconds(6));
        waitUntil(() -> task.getStatus(connection) == Types.TaskStatusType.SUCCESS);
        assertThat(task.getFinished(connection).toInstant()).isAfter(Instant.parse("2026-01-01T12:00:10Z"));

        clock.advance(Duration.ofMinutes(64));
        assertThat(Task.getAll(connection)).contains(task);
        clock.advance(Duration.ofMinutes(2));
        assertThat(Task.getAll(connection)).doesNotContain(task);
    }
}
