package org.xcpbalancer.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.scenario.LoadProfile;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

class PoolModelTest {
    private static final long MIB = 1024L * 1024;
    private final ManualClock clock = SimClock.manual(Instant.parse("2026-01-01T12:00:00Z"));

    /** The last pool built: its RRD store and change listeners. */
    private SimulatedPool simulated;

    private PoolModel paperPool() throws Exception {
        simulated = SimulatedPool.create(ScenarioLoader.builtin("paper-unbalanced"), clock, 1);
        return simulated.model();
    }

    private PoolModel pool(String json) throws Exception {
        simulated = SimulatedPool.create(ScenarioLoader.parse(json, "test.json"), clock, 1);
        return simulated.model();
    }

    @Test
    void aPoolHasControlDomainsTemplatesAndASnapshotLikeARealOne() throws Exception {
        PoolModel model = paperPool();
        SimHost host1 = model.hostByName("Host1");
        SimHost host2 = model.hostByName("Host2");
        assertThat(model.master()).isSameAs(host1);
        assertThat(model.hosts()).extracting(SimHost::address).containsExactly("127.0.0.1", "127.0.0.2");

        SimVm dom0 = model.vmByName("Control domain on host: Host1");
        assertThat(dom0.isControlDomain()).isTrue();
        assertThat(dom0.residentOn()).isSameAs(host1);
        assertThat(dom0.domid()).isZero();
        assertThat(dom0.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(host1.controlDomain()).isSameAs(dom0);
        assertThat(model.residentVms(host1)).extracting(SimVm::name)
                .containsExactly("Control domain on host: Host1", "VM1 - Debian");
        assertThat(model.residentVms(host2)).extracting(SimVm::name)
                .containsExactly("Control domain on host: Host2", "VM2 - Debian", "VM3 - Ubuntu");

        assertThat(model.vms()).filteredOn(SimVm::isTemplate).extracting(SimVm::name)
                .contains("Debian Bookworm 12", "Other install media")
                .allSatisfy(name -> assertThat(model.vmByName(name).residentOn()).isNull());
        SimVm snapshot = model.vms().stream().filter(SimVm::isSnapshot).findFirst().orElseThrow();
        assertThat(snapshot.snapshotOf()).isSameAs(model.vmByName("VM1 - Debian"));
        assertThat(snapshot.powerState()).isEqualTo(PowerState.HALTED);

        SimVm vm2 = model.vmByName("VM2 - Debian");
        assertThat(model.vm(vm2.uuid())).isSameAs(vm2);
        assertThat(model.host(host2.uuid())).isSameAs(host2);
        assertThat(model.vm("no-such-uuid")).isNull();
        assertThat(model.host(null)).isNull();
        assertThat(vm2.domid()).isPositive();
        assertThat(vm2.metricsUuid()).isNotEqualTo(vm2.uuid()).isNotEqualTo(vm2.guestMetricsUuid());
        assertThat(host2.cpuUuids()).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void freeMemoryIsTotalMinusGuestsControlDomainAndOverhead() throws Exception {
        PoolModel model = paperPool();
        // 4069 MB - VM1 1024 MB - dom0 752 MB - Xen 64 MB
        assertThat(model.hostFreeMemoryBytes(model.hostByName("Host1"))).isEqualTo((4069 - 1024 - 752 - 64) * MIB);
        // 4069 MB - VM2 256 MB - VM3 1024 MB - dom0 752 MB - Xen 64 MB
        assertThat(model.hostFreeMemoryBytes(model.hostByName("Host2"))).isEqualTo((4069 - 1280 - 752 - 64) * MIB);
        HostLoad load = model.hostLoad(model.hostByName("Host2"));
        assertThat(load.memoryTotalKib()).isEqualTo(4069 * 1024);
        assertThat(load.memoryFreeKib()).isEqualTo((4069 - 1280 - 752 - 64) * 1024);
    }

    @Test
    void reservationsHoldMemoryAndRefuseWhatDoesNotFit() throws Exception {
        PoolModel model = pool("""
                {"pool": "P", "hosts": [{"name": "A", "cpus": 4, "memoryMb": 8192, "master": true},
                                        {"name": "B", "cpus": 4, "memoryMb": 4096}],
                 "vms": [{"name": "big", "host": "A", "vcpus": 1, "memoryMb": 2048, "cpu": 0.1},
                         {"name": "huge", "host": "A", "vcpus": 1, "memoryMb": 1300, "cpu": 0.1}]}
                """);
        SimHost b = model.hostByName("B");
        long freeBefore = model.hostFreeMemoryBytes(b);
        assertThat(freeBefore).isEqualTo((4096 - 752 - 64) * MIB);

        model.reserveMemory(b, model.vmByName("big"));
        assertThat(model.hostFreeMemoryBytes(b)).isEqualTo(freeBefore - 2048 * MIB);

        NotEnoughFreeMemoryException refused = catchThrowableOfType(NotEnoughFreeMemoryException.class,
                () -> model.reserveMemory(b, model.vmByName("huge")));
        assertThat(refused.neededBytes()).isEqualTo(1300 * MIB);
        assertThat(refused.availableBytes()).isEqualTo(freeBefore - 2048 * MIB);

        model.releaseReservation(b, model.vmByName("big"));
        assertThat(model.hostFreeMemoryBytes(b)).isEqualTo(freeBefore);
        model.reserveMemory(b, model.vmByName("huge"));
        assertThat(model.hostFreeMemoryBytes(b)).isEqualTo(freeBefore - 1300 * MIB);
    }

    @Test
    void overcommittedGuestsGetProportionallyLess() throws Exception {
        PoolModel model = pool("""
                {"pool": "P", "hosts": [{"name": "A", "cpus": 2, "memoryMb": 8192, "master": true,
                                         "controlDomainCpu": 0}],
                 "vms": [{"name": "x", "host": "A", "vcpus": 2, "memoryMb": 512, "cpu": 1.0},
                         {"name": "y", "host": "A", "vcpus": 1, "memoryMb": 512, "cpu": 0.5},
                         {"name": "z", "host": "A", "vcpus": 1, "memoryMb": 512, "cpu": 0.5}]}
                """);
        // Demand 2 + 0.5 + 0.5 = 3 cores on 2: everyone gets 2/3 of what it asks.
        assertThat(model.vmLoad(model.vmByName("x")).cpuPerVcpu()).containsOnly(2.0 / 3);
        assertThat(model.vmLoad(model.vmByName("y")).cpuPerVcpu()).containsOnly(0.5 * 2 / 3);
        HostLoad host = model.hostLoad(model.hostByName("A"));
        assertThat(host.cpuAvg()).isEqualTo(1.0);
        assertThat(host.cpuPerCore()).containsOnly(1.0);

        // Relieve it: demand 2 + 0.5 + 0 = 2.5 -> scale 0.8.
        model.setVmCpuDemand(model.vmByName("z"), 0);
        assertThat(model.vmLoad(model.vmByName("x")).cpuPerVcpu()).containsOnly(0.8);
        assertThat(model.vmCpuDemand(model.vmByName("x"))).isEqualTo(1.0);
        assertThatThrownBy(() -> model.setVmCpuDemand(model.vmByName("z"), 1.2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void migrationTrafficShowsOnBothEndsUntilRemoved() throws Exception {
        PoolModel model = paperPool();
        SimHost host1 = model.hostByName("Host1");
        SimHost host2 = model.hostByName("Host2");
        HostLoad src = model.hostLoad(host2);
        HostLoad dst = model.hostLoad(host1);
        // Management traffic plus the guests' VIF traffic (defaults: rx 8 KiB/s, tx 4 KiB/s per guest).
        assertThat(src.pifEth0TxBytesPerSec()).isEqualTo(LoadModel.MANAGEMENT_BYTES_PER_SEC + 2 * 4 * 1024);
        assertThat(dst.pifEth0RxBytesPerSec()).isEqualTo(LoadModel.MANAGEMENT_BYTES_PER_SEC + 8 * 1024);

        model.addMigrationTraffic(host2, host1, 100e6);
        assertThat(model.hostLoad(host2).pifEth0TxBytesPerSec()).isEqualTo(src.pifEth0TxBytesPerSec() + 100e6);
        assertThat(model.hostLoad(host2).pifEth0RxBytesPerSec()).isEqualTo(src.pifEth0RxBytesPerSec());
        assertThat(model.hostLoad(host1).pifEth0RxBytesPerSec()).isEqualTo(dst.pifEth0RxBytesPerSec() + 100e6);
        assertThat(model.hostLoad(host1).loadavg()).isEqualTo(dst.loadavg() + LoadModel.MIGRATION_LOADAVG);

        model.removeMigrationTraffic(host2, host1, 100e6);
        assertThat(model.hostLoad(host2).pifEth0TxBytesPerSec()).isEqualTo(src.pifEth0TxBytesPerSec());
        assertThat(model.hostLoad(host1).pifEth0RxBytesPerSec()).isEqualTo(dst.pifEth0RxBytesPerSec());
        assertThat(model.hostLoad(host1).loadavg()).isEqualTo(dst.loadavg());
    }

    @Test
    void moveVmSwitchesResidenceLoadAndTellsListeners() throws Exception {
        PoolModel model = paperPool();
        SimHost host1 = model.hostByName("Host1");
        SimHost host2 = model.hostByName("Host2");
        SimVm vm3 = model.vmByName("VM3 - Ubuntu");
        List<String> events = new ArrayList<>();
        simulated.addListener(change -> events.add(change.subject() + "/" + change.uuid()));
        model.reserveMemory(host1, vm3);
        events.clear();

        model.moveVm(vm3, host1);

        assertThat(vm3.residentOn()).isSameAs(host1);
        // Domain ids are per host: it gets Host1's next one.
        assertThat(vm3.domid()).isPositive().isNotEqualTo(model.vmByName("VM1 - Debian").domid());
        assertThat(model.residentVms(host1)).contains(vm3);
        assertThat(model.residentVms(host2)).doesNotContain(vm3);
        assertThat(model.reservations(host1)).isEmpty();
        assertThat(model.hostFreeMemoryBytes(host1)).isEqualTo((4069 - 1024 - 1024 - 752 - 64) * MIB);
        assertThat(model.hostFreeMemoryBytes(host2)).isEqualTo((4069 - 256 - 752 - 64) * MIB);
        // Host1: (1 + 2.01 + 0.04) / 4; Host2: (2 + 0.04) / 4, nobody scaled any more.
        assertThat(model.hostLoad(host1).cpuAvg()).isCloseTo(0.7625, within(1e-12));
        assertThat(model.hostLoad(host2).cpuAvg()).isCloseTo(0.51, within(1e-12));
        assertThat(model.vmLoad(model.vmByName("VM2 - Debian")).cpuPerVcpu()).containsOnly(1.0);
        assertThat(model.vmLoad(vm3).cpuPerVcpu()).containsOnly(0.67);
        assertThat(events).contains("VM/" + vm3.uuid(), "HOST/" + host1.uuid(), "HOST/" + host2.uuid(),
                "HOST_LOAD/" + host1.uuid(), "HOST_LOAD/" + host2.uuid());

        assertThatThrownBy(() -> model.moveVm(model.vmByName("Control domain on host: Host1"), host2))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hostStateChangesNotifyAndDeadHostsStopReporting() throws Exception {
        PoolModel model = paperPool();
        SimHost host2 = model.hostByName("Host2");
        List<String> events = new ArrayList<>();
        simulated.addListener(change -> events.add(change.subject() + "/" + change.uuid()));

        model.setHostEnabled(host2, false);
        assertThat(host2.enabled()).isFalse();
        model.power().crashHost(host2);
        assertThat(host2.live()).isFalse();
        assertThat(host2.up()).isFalse();
        assertThat(events).containsExactly("HOST/" + host2.uuid(), "HOST/" + host2.uuid(),
                "HOST_LOAD/" + host2.uuid());

        clock.advance(Duration.ofSeconds(10));
        assertThat(simulated.rrd().latestValue(host2.uuid(), "cpu_avg")).isNaN();
        assertThat(simulated.rrd().latestValue(model.vmByName("VM2 - Debian").uuid(), "cpu0")).isNaN();
        model.power().reviveHost(host2);
        clock.advance(Duration.ofSeconds(5));
        assertThat(simulated.rrd().latestValue(host2.uuid(), "cpu_avg")).isEqualTo(1.0);
    }

    @Test
    void loadProfilesFollowTheSimulatedClock() throws Exception {
        PoolModel model = pool("""
                {"pool": "P", "hosts": [{"name": "A", "cpus": 4, "memoryMb": 8192, "master": true,
                                         "controlDomainCpu": 0}],
                 "vms": [{"name": "x", "host": "A", "vcpus": 4, "memoryMb": 512, "cpu": {"profile": "step",
                          "steps": [{"atSeconds": 0, "value": 0.25}, {"atSeconds": 600, "value": 0.75}]}}]}
                """);
        SimHost a = model.hostByName("A");
        assertThat(model.hostLoad(a).cpuAvg()).isEqualTo(0.25);
        clock.advance(Duration.ofSeconds(599));
        assertThat(model.hostLoad(a).cpuAvg()).isEqualTo(0.25);
        clock.advance(Duration.ofSeconds(1));
        assertThat(model.hostLoad(a).cpuAvg()).isEqualTo(0.75);
    }

    @Test
    void aNewProfileTakesOverFromNow() throws Exception {
        PoolModel model = pool("""
                {"pool": "P", "hosts": [{"name": "A", "cpus": 4, "memoryMb": 8192, "master": true}],
                 "vms": [{"name": "x", "host": "A", "vcpus": 1, "memoryMb": 512, "cpu": 0.2}]}
                """);
        SimVm x = model.vmByName("x");
        clock.advance(Duration.ofSeconds(100));
        List<String> events = new ArrayList<>();
        simulated.addListener(change -> events.add(change.subject() + "/" + change.uuid()));
        model.setVmCpuProfile(x, new LoadProfile.Step(List.of(
                new LoadProfile.StepPoint(Duration.ZERO, 0.3),
                new LoadProfile.StepPoint(Duration.ofSeconds(160), 0.9))));
        assertThat(events).containsExactly("VM_LOAD/" + x.uuid());
        assertThat(model.vmLoad(x).cpuPerVcpu()).containsOnly(0.3);
        clock.advance(Duration.ofSeconds(60));
        assertThat(model.vmLoad(x).cpuPerVcpu()).containsOnly(0.9);
        // The RRD kept the old demand for the time before the change: newest first, 5 s rows.
        assertThat(simulated.rrd().latestValue(x.uuid(), "cpu0")).isEqualTo(0.9);
        var rows = simulated.rrd().updates(model.hostByName("A"), clock.now().getEpochSecond() - 120, 5, false,
                x.uuid()).rows();
        assertThat(rows).hasSize(25);
        assertThat(rows.get(0).values()[0]).isEqualTo(0.9);
        assertThat(rows.get(24).values()[0]).as("before the change").isEqualTo(0.2);
        assertThat(rows.get(12).values()[0]).as("the change's own instant, sampled before it").isEqualTo(0.2);
        assertThat(rows.get(11).values()[0]).as("after the change, before the step").isEqualTo(0.3);
    }

    @Test
    void metricsAreNoisyForAWhileAfterAMigrationWhenAsked() throws Exception {
        PoolModel model = pool("""
                {"pool": "P", "options": {"postMigrationNoiseSeconds": 120, "postMigrationNoiseAmplitude": 0.3},
                 "hosts": [{"name": "A", "cpus": 8, "memoryMb": 8192, "master": true},
                           {"name": "B", "cpus": 8, "memoryMb": 8192}],
                 "vms": [{"name": "x", "host": "A", "vcpus": 2, "memoryMb": 512, "cpu": 0.5}]}
                """);
        SimVm x = model.vmByName("x");
        model.moveVm(x, model.hostByName("B"));
        List<Double> noisy = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double value = model.vmLoad(x).cpuPerVcpu()[0];
            assertThat(value).isBetween(0.5 * 0.7, 0.5 * 1.3);
            noisy.add(value);
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(noisy).as("noisy").filteredOn(v -> Math.abs(v - 0.5) > 0.01).isNotEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(model.vmLoad(x).cpuPerVcpu()).containsOnly(0.5);
        // The host's figures stay true.
        assertThat(model.hostLoad(model.hostByName("B")).cpuAvg()).isCloseTo((1.0 + 8 * 0.01) / 8, within(1e-12));
    }

    @Test
    void haltedVmsHaveNoLoad() throws Exception {
        PoolModel model = pool("""
                {"pool": "P", "hosts": [{"name": "A", "cpus": 4, "memoryMb": 8192, "master": true}],
                 "vms": [{"name": "off", "powerState": "Halted", "vcpus": 2, "memoryMb": 512, "cpu": 0.9}]}
                """);
        SimVm off = model.vmByName("off");
        assertThat(off.residentOn()).isNull();
        assertThat(off.domid()).isEqualTo(-1);
        VmLoad load = model.vmLoad(off);
        assertThat(load.cpuPerVcpu()).hasSize(2).containsOnly(Double.NaN);
        assertThat(load.memoryBytes()).isNaN();
        assertThat(model.hostFreeMemoryBytes(model.hostByName("A"))).isEqualTo((8192 - 752 - 64) * MIB);
    }
}
