package org.xcpbalancer.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.TestPools;
import org.xcpbalancer.simulator.scenario.Scenario;

/** Live migration through the SDK: Async.VM.pool_migrate's task to success and to each failure. */
class SdkMigrationTest {

    private static final Map<String, String> LIVE = Map.of("live", "true");
    private static final Duration TASK_WAIT = Duration.ofSeconds(20);

    private RunningSimulator simulator;
    private Connection connection;

    private void start(Scenario scenario) throws Exception {
        simulator = SimulatorServer.start(scenario, SimulatorOptions.defaults());
        connection = SdkSupport.login(simulator.masterUrl());
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private VM vm(String name) throws Exception {
        return VM.getByNameLabel(connection, name).iterator().next();
    }

    private Host host(String name) throws Exception {
        return Host.getByNameLabel(connection, name).iterator().next();
    }

    private Types.TaskStatusType waitForEnd(Task task) throws Exception {
        long deadline = System.nanoTime() + TASK_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Types.TaskStatusType status = task.getStatus(connection);
            if (status != Types.TaskStatusType.PENDING && status != Types.TaskStatusType.CANCELLING) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("task still running after " + TASK_WAIT);
    }

    @Test
    void asyncMigrationRunsAsATaskAndMovesTheVm() throws Exception {
        // 1 GiB at 1 GiB/s: about a second, long enough to look at it while it runs.
        start(TestPools.paperWithMigration(1024, 0));
        VM vm1 = vm("VM1 - Debian");
        Host host1 = host("Host1");
        Host host2 = host("Host2");
        long host2FreeBefore = host2.computeFreeMemory(connection);

        Task task = vm1.poolMigrateAsync(connection, host2, LIVE);
        assertThat(task.getStatus(connection)).isEqualTo(Types.TaskStatusType.PENDING);
        assertThat(vm1.getCurrentOperations(connection)).containsEntry(task.toWireString(),
                Types.VmOperations.POOL_MIGRATE);
        assertThat(vm1.getAllowedOperations(connection)).doesNotContain(Types.VmOperations.POOL_MIGRATE);
        assertThat(vm1.getResidentOn(connection)).isEqualTo(host1); // runs on the source until the switch
        assertThat(host2.computeFreeMemory(connection)).isEqualTo(host2FreeBefore - 1024L * 1024 * 1024);

        Task second = vm1.poolMigrateAsync(connection, host2, LIVE);
        assertThat(waitForEnd(second)).isEqualTo(Types.TaskStatusType.FAILURE);
        assertThat(second.getErrorInfo(connection)).contains("OTHER_OPERATION_IN_PROGRESS", "VM",
                vm1.toWireString(), "pool_migrate", task.toWireString());

        assertThat(waitForEnd(task)).isEqualTo(Types.TaskStatusType.SUCCESS);
        Task.Record done = task.getRecord(connection);
        SdkSupport.assertNoNullFields(done);
        assertThat(done.progress).isEqualTo(1.0);
        assertThat(done.result).isEqualTo("<value></value>");
        assertThat(done.finished).isAfterOrEqualTo(done.created);
        assertThat(vm1.getResidentOn(connection)).isEqualTo(host2);
        assertThat(host2.getResidentVMs(connection)).contains(vm1);
        assertThat(host1.getResidentVMs(connection)).doesNotContain(vm1);
        assertThat(vm1.getCurrentOperations(connection)).isEmpty();
        assertThat(host2.computeFreeMemory(connection)).isEqualTo(host2FreeBefore - 1024L * 1024 * 1024);

        task.destroy(connection);
        assertThatThrownBy(() -> task.getStatus(connection)).isInstanceOf(Types.HandleInvalid.class);
    }

    @Test
    void migrationTimeFollowsSimulatedTime() throws Exception {
        // 1 GiB at the default 100 MB/s is about 10 s of pool time: at speed 10, about a second. The task ends at
        // the first 20 ms tick after that, and a tick a loaded machine runs late adds speed x its delay of pool
        // time: at speed 50 a tick 15 ms late could already pass 12 s; at speed 10 it takes 150 ms.
        simulator = SimulatorServer.start(TestPools.paper(), SimulatorOptions.defaults().withSpeed(10));
        connection = SdkSupport.login(simulator.masterUrl());
        long start = System.nanoTime();
        Task task = vm("VM1 - Debian").poolMigrateAsync(connection, host("Host2"), LIVE);
        assertThat(waitForEnd(task)).isEqualTo(Types.TaskStatusType.SUCCESS);
        Duration real = Duration.ofNanos(System.nanoTime() - start);
        assertThat(real).isBetween(Duration.ofMillis(150), Duration.ofSeconds(5));
        Task.Record record = task.getRecord(connection);
        long poolSeconds = (record.finished.getTime() - record.created.getTime()) / 1000;
        assertThat(poolSeconds).isBetween(9L, 12L);
    }

    @Test
    void synchronousMigrationReturnsWhenTheVmHasMoved() throws Exception {
        start(TestPools.paperWithMigration(8192, 0));
        VM vm2 = vm("VM2 - Debian");
        vm2.poolMigrate(connection, host("Host1"), LIVE);
        assertThat(vm2.getResidentOn(connection)).isEqualTo(host("Host1"));
    }

    @Test
    void failureRateEndsTheTaskWithVmMigrateFailedAndTheVmStays() throws Exception {
        start(TestPools.paperWithMigration(8192, 1.0));
        VM vm1 = vm("VM1 - Debian");
        Host host2 = host("Host2");
        long freeBefore = host2.computeFreeMemory(connection);
        Task task = vm1.poolMigrateAsync(connection, host2, LIVE);
        assertThat(waitForEnd(task)).isEqualTo(Types.TaskStatusType.FAILURE);
        assertThat(task.getErrorInfo(connection)).contains("VM_MIGRATE_FAILED", vm1.toWireString(),
                host("Host1").toWireString(), host2.toWireString());
        assertThat(vm1.getResidentOn(connection)).isEqualTo(host("Host1"));
        assertThat(host2.computeFreeMemory(connection)).isEqualTo(freeBefore); // reservation released
        assertThatThrownBy(() -> vm1.poolMigrate(connection, host2, LIVE)).isInstanceOf(Types.VmMigrateFailed.class);
    }

    @Test
    void destinationWithoutRoomIsRefused() throws Exception {
        start(TestPools.parse("""
                {"pool": "Tight", "hosts": [{"name": "Big", "cpus": 8, "memoryMb": 16384, "master": true},
                                            {"name": "Small", "cpus": 2, "memoryMb": 2048}],
                 "vms": [{"name": "Fat", "host": "Big", "vcpus": 2, "memoryMb": 8192, "cpu": 0.2}]}
                """));
        Task task = vm("Fat").poolMigrateAsync(connection, host("Small"), LIVE);
        assertThat(waitForEnd(task)).isEqualTo(Types.TaskStatusType.FAILURE);
        List<String> error = List.copyOf(task.getErrorInfo(connection));
        assertThat(error).contains("HOST_NOT_ENOUGH_FREE_MEMORY", Long.toString(8192L * 1024 * 1024));
        assertThatThrownBy(() -> vm("Fat").poolMigrate(connection, host("Small"), LIVE))
                .isInstanceOfSatisfying(Types.HostNotEnoughFreeMemory.class,
                        e -> assertThat(e.needed).isEqualTo(Long.toString(8192L * 1024 * 1024)));
        assertThatThrownBy(() -> vm("Fat").assertCanBootHere(connection, host("Small")))
                .isInstanceOf(Types.HostNotEnoughFreeMemory.class);
    }

    @Test
    void destinationDyingMidwayEndsTheTaskWithHostOffline() throws Exception {
        start(TestPools.paperWithMigration(8192, 0));
        simulator.admin().setHangMigrations(true);
        VM vm1 = vm("VM1 - Debian");
        Host host2 = host("Host2");
        Task task = vm1.poolMigrateAsync(connection, host2, LIVE);
        Thread.sleep(100);
        assertThat(task.getStatus(connection)).isEqualTo(Types.TaskStatusType.PENDING); // hanging
        simulator.admin().killHost("Host2");
        assertThat(waitForEnd(task)).isEqualTo(Types.TaskStatusType.FAILURE);
        assertThat(task.getErrorInfo(connection)).contains("HOST_OFFLINE", host2.toWireString());
        assertThat(host2.getMetrics(connection).getLive(connection)).isFalse();
        assertThat(vm1.getResidentOn(connection)).isEqualTo(host("Host1"));

        Task again = vm1.poolMigrateAsync(connection, host2, LIVE);
        assertThat(waitForEnd(again)).isEqualTo(Types.TaskStatusType.FAILURE);
        assertThat(again.getErrorInfo(connection)).contains("HOST_OFFLINE");
    }

    @Test
    void cancellingAHangingMigrationEndsItCancelled() throws Exception {
        start(TestPools.paperWithMigration(8192, 0));
        simulator.admin().setHangMigrations(true);
        VM vm1 = vm("VM1 - Debian");
        Task task = vm1.poolMigrateAsync(connection, host("Host2"), LIVE);
        task.cancel(connection);
        assertThat(waitForEnd(task)).isEqualTo(Types.TaskStatusType.CANCELLED);
        assertThat(task.getErrorInfo(connection)).contains("TASK_CANCELLED", task.toWireString());
        assertThat(vm1.getResidentOn(connection)).isEqualTo(host("Host1"));
        assertThat(vm1.getCurrentOperations(connection)).isEmpty();
    }

    @Test
    void templatesAndHaltedVmsCannotMigrate() throws Exception {
        start(TestPools.parse("""
                {"pool": "P", "hosts": [{"name": "H1", "cpus": 4, "memoryMb": 8192, "master": true},
                                        {"name": "H2", "cpus": 4, "memoryMb": 8192}],
                 "vms": [{"name": "Up", "host": "H1", "vcpus": 1, "memoryMb": 512, "cpu": 0.1},
                         {"name": "Down", "vcpus": 1, "memoryMb": 512, "cpu": 0.1, "powerState": "Halted"}]}
                """));
        assertThatThrownBy(() -> vm("Down").poolMigrate(connection, host("H2"), LIVE))
                .isInstanceOfSatisfying(Types.VmBadPowerState.class, e -> {
                    assertThat(e.expected).isEqualTo("running");
                    assertThat(e.actual).isEqualTo("halted");
                });
        assertThatThrownBy(() -> vm("Down").queryDataSource(connection, "cpu0"))
                .isInstanceOf(Types.VmBadPowerState.class);
        VM template = VM.getAllRecords(connection).entrySet().stream()
                .filter(e -> e.getValue().isATemplate && !e.getValue().isASnapshot).findFirst().orElseThrow().getKey();
        assertThatThrownBy(() -> template.poolMigrate(connection, host("H2"), LIVE))
                .isInstanceOf(Types.VmIsTemplate.class);
    }
}
