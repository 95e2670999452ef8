package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Event;
import com.xensource.xenapi.EventBatch;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.TestPools;

/** event.from through the SDK: the initial snapshot, deltas after a migration, deletions, EVENTS_LOST. */
class SdkEventsTest {

    private RunningSimulator simulator;
    private Connection connection;

    private void start(SimulatorOptions options) throws Exception {
        simulator = SimulatorServer.start(TestPools.paperWithMigration(8192, 0), options);
        connection = SdkSupport.login(simulator.masterUrl());
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private Task migrateAndWait(String vmName, String hostName) throws Exception {
        VM vm = VM.getByNameLabel(connection, vmName).iterator().next();
        Host host = Host.getByNameLabel(connection, hostName).iterator().next();
        Task task = vm.poolMigrateAsync(connection, host, Map.of("live", "true"));
        while (task.getStatus(connection) == Types.TaskStatusType.PENDING) {
            Thread.sleep(20);
        }
        return task;
    }

    @Test
    void emptyTokenGivesEveryObjectAsAddThenDeltasFollowAMigration() throws Exception {
        start(SimulatorOptions.defaults());
        EventBatch initial = Event.from(connection, Set.of("vm", "host"), "", 1.0);
        assertThat(initial.events).allMatch(e -> e.operation == Types.EventOperation.ADD);
        long vms = initial.events.stream().filter(e -> e.clazz.equals("vm")).count();
        assertThat(vms).isEqualTo(VM.getAll(connection).size());
        assertThat(initial.events.stream().filter(e -> e.clazz.equals("host")).count()).isEqualTo(2);
        assertThat(initial.token).matches("\\d{20},\\d{20}");

        // Nothing changes: the call waits out its timeout and returns no events.
        long before = System.nanoTime();
        EventBatch quiet = Event.from(connection, Set.of("vm"), initial.token, 0.3);
        assertThat(quiet.events).isEmpty();
        assertThat(System.nanoTime() - before).isGreaterThan(250_000_000L);

        Task task = migrateAndWait("VM1 - Debian", "Host2");
        VM vm1 = VM.getByNameLabel(connection, "VM1 - Debian").iterator().next();
        Host host2 = Host.getByNameLabel(connection, "Host2").iterator().next();
        EventBatch delta = Event.from(connection, Set.of("vm", "host", "task"), initial.token, 5.0);
        List<Event.Record> vmMods = new ArrayList<>();
        for (Event.Record event : delta.events) {
            if (event.clazz.equals("vm") && event.ref.equals(vm1.toWireString())) {
                vmMods.add(event);
            }
        }
        assertThat(vmMods).hasSize(1);
        assertThat(vmMods.get(0).operation).isEqualTo(Types.EventOperation.MOD);
        assertThat(((VM.Record) vmMods.get(0).snapshot).residentOn).isEqualTo(host2);
        assertThat(delta.events).anyMatch(e -> e.clazz.equals("host") && e.ref.equals(host2.toWireString()));
        assertThat(delta.events).anyMatch(e -> e.clazz.equals("task") && e.ref.equals(task.toWireString())
                && e.operation == Types.EventOperation.ADD
                && ((Task.Record) e.snapshot).status == Types.TaskStatusType.SUCCESS);

        task.destroy(connection);
        EventBatch afterDestroy = Event.from(connection, Set.of("task"), delta.token, 5.0);
        assertThat(afterDestroy.events).singleElement().satisfies(e -> {
            assertThat(e.operation).isEqualTo(Types.EventOperation.DEL);
            assertThat(e.ref).isEqualTo(task.toWireString());
            assertThat(e.snapshot).isNull();
        });
    }

    @Test
    void loadChangeIsAVmMetricsEventAndInjectGivesAToken() throws Exception {
        start(SimulatorOptions.defaults());
        EventBatch initial = Event.from(connection, Set.of("vm_metrics"), "", 1.0);
        simulator.admin().setVmCpu("VM1 - Debian", 0.9);
        EventBatch delta = Event.from(connection, Set.of("vm_metrics"), initial.token, 5.0);
        VM vm1 = VM.getByNameLabel(connection, "VM1 - Debian").iterator().next();
        String metricsRef = vm1.getMetrics(connection).toWireString();
        assertThat(delta.events).anyMatch(e -> e.ref.equals(metricsRef));

        String token = Event.inject(connection, "VM", vm1.toWireString());
        EventBatch injected = Event.from(connection, Set.of("vm"), token, 5.0);
        assertThat(injected.events).singleElement().satisfies(e -> assertThat(e.ref).isEqualTo(vm1.toWireString()));
        assertThat(Event.getCurrentId(connection)).isPositive();
    }

    @Test
    void tokenOlderThanTheForgottenDeletionsIsEventsLost() throws Exception {
        start(SimulatorOptions.defaults().withDeletedEventsKept(1));
        EventBatch initial = Event.from(connection, Set.of("task"), "", 0.1);
        migrateAndWait("VM1 - Debian", "Host2").destroy(connection);
        migrateAndWait("VM1 - Debian", "Host1").destroy(connection);
        assertThatThrownBy(() -> Event.from(connection, Set.of("task"), initial.token, 1.0))
                .isInstanceOf(Types.EventsLost.class);
    }
}
