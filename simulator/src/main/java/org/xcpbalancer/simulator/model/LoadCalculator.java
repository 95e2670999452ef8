package org.xcpbalancer.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.scenario.ScenarioOptions;

/**
 * The load model (docs/simulator-scenarios.md) over a pool's current placement: host and VM figures at any
 * instant. Called with the model's lock held.
 */
final class LoadCalculator {
    private final PoolModelState state;
    private final ScenarioOptions options;
    private final Instant start;
    private final long seed;
    /** Guest demand per host at {@link #demandMemoAt}: the RRD store samples every VM of a host at one instant. */
    private final Map<SimHost, Double> demandMemo = new HashMap<>();
    private Instant demandMemoAt;

    LoadCalculator(PoolModelState state, ScenarioOptions options, Instant start, long seed) {
        this.state = state;
        this.options = options;
        this.start = start;
        this.seed = seed;
    }

    /** Forget memoised demand after a change of placement or load. */
    void invalidate() {
        demandMemoAt = null;
    }

    long freeMemoryBytes(SimHost host) {
        long used = host.controlDomainMemoryBytes() + options.hypervisorOverheadMb() * PoolBuilder.MIB;
        for (SimVm vm : state.residents.get(host)) {
            if (!vm.isControlDomain()) {
                used += vm.memoryBytes();
            }
        }
        for (long reserved : state.reservations.getOrDefault(host, Map.of()).values()) {
            used += reserved;
        }
        return Math.max(0, host.memoryTotalBytes() - used);
    }

    HostLoad hostLoad(SimHost host, Instant at) {
        Duration since = Duration.between(start, at);
        double guestDemand = guestDemandCores(host, at);
        SimVm dom0 = host.controlDomain();
        double dom0Demand = dom0.vcpus() * clamp(dom0.cpuProfile().valueAt(since));
        double utilisation = Math.min(1.0, (guestDemand * scale(host, guestDemand) + dom0Demand) / host.cpuCount());
        double[] perCore = new double[host.cpuCount()];
        Arrays.fill(perCore, utilisation);
        double rx = LoadModel.MANAGEMENT_BYTES_PER_SEC;
        double tx = LoadModel.MANAGEMENT_BYTES_PER_SEC;
        for (SimVm vm : state.residents.get(host)) {
            if (vm.isGuest() && vm.powerState() == PowerState.RUNNING) {
                rx += vm.vifRxBytesPerSec();
                tx += vm.vifTxBytesPerSec();
            }
        }
        double[] migration = state.migrationTraffic.getOrDefault(host, new double[2]);
        rx += migration[0];
        tx += migration[1];
        double loadavg = dom0Demand + LoadModel.MIGRATION_LOADAVG * state.migrationStreams.getOrDefault(host, 0);
        return new HostLoad(perCore, utilisation, loadavg, host.memoryTotalBytes() / 1024,
                freeMemoryBytes(host) / 1024,
                host.isMaster() ? LoadModel.XAPI_MEMORY_USAGE_KIB_MASTER : LoadModel.XAPI_MEMORY_USAGE_KIB_SLAVE,
                LoadModel.XAPI_FREE_MEMORY_KIB, LoadModel.LOOPBACK_BYTES_PER_SEC, LoadModel.LOOPBACK_BYTES_PER_SEC,
                rx, tx);
    }

    VmLoad vmLoad(SimVm vm, Instant at) {
        double perVcpu = vmCpu(vm, at);
        double[] cpus = new double[vm.vcpus()];
        Arrays.fill(cpus, perVcpu);
        if (Double.isNaN(perVcpu)) {
            return new VmLoad(cpus, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (vm.isControlDomain()) {
            return new VmLoad(cpus, vm.memoryBytes(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (vm.powerState() == PowerState.PAUSED) {
            // a paused domain holds its memory but moves no packets or blocks
            return new VmLoad(cpus, vm.memoryBytes(), vm.memoryInternalFreeBytes() / 1024.0, 0, 0, 0, 0);
        }
        return new VmLoad(cpus, vm.memoryBytes(), vm.memoryInternalFreeBytes() / 1024.0, vm.vifRxBytesPerSec(),
                vm.vifTxBytesPerSec(), vm.diskReadBytesPerSec(), vm.diskWriteBytesPerSec());
    }

    /** Utilisation of each vCPU of the VM (all equal): 0 while Paused, NaN when it has no domain. */
    double vmCpu(SimVm vm, Instant at) {
        SimHost host = vm.residentOn();
        if (host == null || !vm.hasDomain()) {
            return Double.NaN;
        }
        if (vm.powerState() == PowerState.PAUSED) {
            return 0.0;
        }
        double demand = clamp(vm.cpuProfile().valueAt(Duration.between(start, at)));
        double perVcpu = vm.isControlDomain() ? demand : demand * scale(host, guestDemandCores(host, at));
        return withNoise(vm, at, perVcpu);
    }

    private double guestDemandCores(SimHost host, Instant at) {
        if (!at.equals(demandMemoAt)) {
            demandMemo.clear();
            demandMemoAt = at;
        }
        Double memo = demandMemo.get(host);
        if (memo != null) {
            return memo;
        }
        Duration since = Duration.between(start, at);
        double demand = 0;
        for (SimVm vm : state.residents.get(host)) {
            if (vm.isGuest() && vm.powerState() == PowerState.RUNNING) {
                demand += vm.vcpus() * clamp(vm.cpuProfile().valueAt(since));
            }
        }
        demandMemo.put(host, demand);
        return demand;
    }

    /** What every guest of the host gets of what it asks: 1, or cores / demand when overcommitted. */
    private static double scale(SimHost host, double guestDemand) {
        return guestDemand > host.cpuCount() ? host.cpuCount() / guestDemand : 1.0;
    }

    /** Deterministic noise per VM and 5 s step while the post-migration window lasts. */
    private double withNoise(SimVm vm, Instant at, double value) {
        Instant until = state.noisyUntil.get(vm);
        if (until == null || !at.isBefore(until)) {
            return value;
        }
        long step = Math.floorDiv(at.getEpochSecond(), 5);
        long bits = new SplittableRandom(seed ^ vm.uuid().hashCode() * 31L ^ step).nextLong();
        double u = (bits >>> 11) * 0x1.0p-53 * 2 - 1;
        return clamp(value * (1 + options.postMigrationNoiseAmplitude() * u));
    }

    static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
