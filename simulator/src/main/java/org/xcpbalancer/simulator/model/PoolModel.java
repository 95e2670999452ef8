package org.xcpbalancer.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xcpbalancer.simulator.scenario.LoadProfile;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.ScenarioOptions;

/**
 * The true state of a simulated pool and its load model (docs/simulator-scenarios.md). Thread-safe: every read
 * and change holds the lock the composition root (SimulatedPool) hands in and shares with the RRD store, in
 * short critical sections. Each change first lets the {@link ModelHook} sample the old state (under the lock),
 * then tells it what changed (after the lock is released).
 *
 * <p>Load at an instant: a host's guests demand Σ vcpus × cpu cores; if that exceeds the host's cores, every
 * guest gets {@code scale = cores / demand} of what it asks. The control domain's (small) demand is served on top
 * and the host's utilisation is (delivered guest load + dom0 load) / cores, capped at 1.
 */
public final class PoolModel {
    private final Object lock;
    private final ModelHook hook;
    private final Scenario scenario;
    private final SimClock clock;
    private final long seed;
    private final Instant start;
    private final PoolModelState state = new PoolModelState();
    private final PoolInventory objects;
    private final LoadCalculator loads;
    private final PlacementModel placement;
    private final PowerLifecycle power;
    private final PowerMeter meter;

    /**
     * Builds the pool a scenario describes; {@code seed} drives every random choice (noise, failures).
     *
     * @param lock guards the model; whoever samples it in step with its changes (the RRD store) shares it
     */
    public PoolModel(Scenario scenario, SimClock clock, long seed, Object lock, ModelHook hook) {
        this.lock = lock;
        this.hook = hook;
        this.scenario = scenario;
        this.clock = clock;
        this.seed = seed;
        this.start = clock.now();
        this.objects = PoolBuilder.build(scenario, state);
        this.loads = new LoadCalculator(state, scenario.options(), start, seed);
        this.placement = new PlacementModel(this, lock, scenario);
        this.power = new PowerLifecycle(this, lock, state, loads);
        this.meter = new PowerMeter(this, loads);
    }

    // ---- identity ----------------------------------------------------------------------------------------------

    public Scenario scenario() { return scenario; }
    public ScenarioOptions options() { return scenario.options(); }
    public SimClock clock() { return clock; }
    public long seed() { return seed; }
    /** The simulated instant the model was created; load profiles count time from here. */
    public Instant start() { return start; }
    public String poolUuid() { return scenario.poolUuid(); }
    public String poolName() { return scenario.poolName(); }
    public SimHost master() { return objects.master(); }
    public List<SimHost> hosts() { return objects.hosts(); }
    /** Every VM record: guests, control domains, templates and snapshots. */
    public List<SimVm> vms() { return objects.vms(); }
    public SimHost host(String uuid) { return objects.host(uuid); }
    public SimVm vm(String uuid) { return objects.vm(uuid); }
    public SimHost hostByName(String name) { return objects.hostByName(name); }
    public SimVm vmByName(String name) { return objects.vmByName(name); }
    /** Tags, VM groups, affinity, passthrough, held operations, HA and rolling upgrade. */
    public PlacementModel placement() { return placement; }
    /** Power states: VM start/stop/crash/hang, host shutdown/boot/death/fence/partition, guest heartbeats. */
    public PowerLifecycle power() { return power; }

    /** What the host draws now (the power model in {@link PowerMeter}). */
    public double hostWatts(SimHost host) {
        synchronized (lock) {
            return meter.watts(host, clock.now());
        }
    }

    /** Energy the host has used since the model's start, in watt-hours. */
    public double hostEnergyWh(SimHost host) {
        synchronized (lock) {
            meter.catchUp();
            return meter.wattHours(host);
        }
    }

    /** The VMs running on a host, its control domain first (XAPI's host.resident_VMs). */
    public List<SimVm> residentVms(SimHost host) {
        synchronized (lock) {
            Set<SimVm> set = state.residents.get(host);
            return set == null ? List.of() : List.copyOf(set);
        }
    }

    // ---- load --------------------------------------------------------------------------------------------------

    public HostLoad hostLoad(SimHost host) {
        synchronized (lock) {
            return loads.hostLoad(host, clock.now());
        }
    }

    public VmLoad vmLoad(SimVm vm) {
        synchronized (lock) {
            return loads.vmLoad(vm, clock.now());
        }
    }

    /** The CPU each vCPU of this VM asks for now (0..1), before any overcommit scaling. */
    public double vmCpuDemand(SimVm vm) {
        return vm.cpuProfile().valueAt(Duration.between(start, clock.now()));
    }

    /** What host.compute_free_memory returns: total − resident guests − control domain − overhead − reservations. */
    public long hostFreeMemoryBytes(SimHost host) {
        synchronized (lock) {
            return loads.freeMemoryBytes(host);
        }
    }

    /** Host metrics at a given instant with the current placement. */
    public HostLoad hostLoadAt(SimHost host, Instant at) {
        synchronized (lock) {
            return loads.hostLoad(host, at);
        }
    }

    /** VM metrics at a given instant with the current placement. */
    public VmLoad vmLoadAt(SimVm vm, Instant at) {
        synchronized (lock) {
            return loads.vmLoad(vm, at);
        }
    }

    /**
     * The utilisation each vCPU of the VM gets at an instant (the same for all its vCPUs), NaN when it is not
     * running. The RRD store samples thousands of VMs with this rather than building {@link VmLoad}s.
     */
    public double vmCpuPerVcpuAt(SimVm vm, Instant at) {
        synchronized (lock) {
            return loads.vmCpu(vm, at);
        }
    }

    // ---- mutations ---------------------------------------------------------------------------------------------

    /** Holds memory on {@code dest} for an incoming migration of {@code vm}; fails if it does not fit. */
    public void reserveMemory(SimHost dest, SimVm vm) throws NotEnoughFreeMemoryException {
        synchronized (lock) {
            beforeChange();
            long available = loads.freeMemoryBytes(dest);
            if (vm.memoryBytes() > available) {
                throw new NotEnoughFreeMemoryException(vm.memoryBytes(), available);
            }
            state.reservations.computeIfAbsent(dest, h -> new HashMap<>()).put(vm, vm.memoryBytes());
        }
        announce(ModelChange.hostLoad(dest));
    }

    public void releaseReservation(SimHost dest, SimVm vm) {
        synchronized (lock) {
            beforeChange();
            Map<SimVm, Long> held = state.reservations.get(dest);
            if (held == null || held.remove(vm) == null) {
                return;
            }
        }
        announce(ModelChange.hostLoad(dest));
    }

    /** Migration traffic flowing from src (eth0 tx) to dst (eth0 rx) until removed. */
    public void addMigrationTraffic(SimHost src, SimHost dst, double bytesPerSec) {
        changeMigrationTraffic(src, dst, bytesPerSec, 1);
    }

    public void removeMigrationTraffic(SimHost src, SimHost dst, double bytesPerSec) {
        changeMigrationTraffic(src, dst, -bytesPerSec, -1);
    }

    private void changeMigrationTraffic(SimHost src, SimHost dst, double bytesPerSec, int streams) {
        change(() -> {
            state.migrationTraffic.computeIfAbsent(src, h -> new double[2])[1] += bytesPerSec;
            state.migrationTraffic.computeIfAbsent(dst, h -> new double[2])[0] += bytesPerSec;
            for (SimHost host : new SimHost[] {src, dst}) {
                double[] traffic = state.migrationTraffic.get(host);
                traffic[0] = Math.max(0, traffic[0]);
                traffic[1] = Math.max(0, traffic[1]);
                state.migrationStreams.merge(host, streams, (a, b) -> Math.max(0, a + b));
            }
        });
    }

    /**
     * The switch at the end of a live migration: the VM becomes resident on {@code dest} (new domid), its RRD goes
     * with it, any reservation for it on {@code dest} is released, and its metrics are noisy for a while if the
     * scenario asks for it.
     */
    public void moveVm(SimVm vm, SimHost dest) {
        SimHost source;
        synchronized (lock) {
            if (!vm.isGuest() || vm.powerState() != PowerState.RUNNING) {
                throw new IllegalStateException(vm + " is not a running guest");
            }
            beforeChange();
            source = vm.residentOn();
            if (source == dest) {
                return;
            }
            state.residents.get(source).remove(vm);
            state.residents.get(dest).add(vm);
            Map<SimVm, Long> held = state.reservations.get(dest);
            if (held != null) {
                held.remove(vm);
            }
            vm.setResidentOn(dest, state.takeDomid(dest));
            loads.invalidate();
            Duration noise = scenario.options().postMigrationNoise();
            if (!noise.isZero()) {
                state.noisyUntil.put(vm, clock.now().plus(noise));
            }
        }
        announce(ModelChange.vm(vm), ModelChange.vmLoad(vm), ModelChange.host(source), ModelChange.host(dest),
                ModelChange.hostLoad(source), ModelChange.hostLoad(dest));
    }

    /** Sets the VM's demanded utilisation per vCPU (0..1) from now on, replacing its load profile. */
    public void setVmCpuDemand(SimVm vm, double cpu) {
        if (!(cpu >= 0 && cpu <= 1)) {
            throw new IllegalArgumentException("cpu demand must be from 0 to 1, not " + cpu);
        }
        setVmCpuProfile(vm, LoadProfile.constant(cpu));
    }

    /**
     * Replaces the VM's load profile from now on. The profile keeps counting time from the model's start, so a
     * sine or random walk continues where it would be rather than restarting.
     */
    public void setVmCpuProfile(SimVm vm, LoadProfile profile) {
        change(() -> {
            vm.setCpu(profile);
            loads.invalidate();
        }, ModelChange.vmLoad(vm));
    }

    public void setHostEnabled(SimHost host, boolean enabled) {
        change(() -> host.setEnabled(enabled), ModelChange.host(host));
    }

    /**
     * The shape of every simple change: under the lock, let the hook sample the old state, apply the mutation;
     * then, outside the lock, announce what it touched. Mutations that may refuse or do nothing hold the lock
     * themselves and call {@link #announce} only when something changed.
     */
    void change(Runnable mutation, ModelChange... changes) {
        synchronized (lock) {
            beforeChange();
            mutation.run();
        }
        announce(changes);
    }

    /** Lets the power meter and the hook sample the old state; call holding the lock, before mutating. */
    void beforeChange() {
        meter.catchUp();
        hook.beforeChange();
    }

    /** Stops the timers of pending power transitions. */
    public void close() {
        power.close();
    }

    void announce(ModelChange... changes) {
        for (ModelChange change : changes) {
            hook.changed(change);
        }
    }

    /** Unmodifiable view for diagnostics: which VMs hold reservations on a host. */
    public Map<SimVm, Long> reservations(SimHost host) {
        synchronized (lock) {
            return Collections.unmodifiableMap(new HashMap<>(state.reservations.getOrDefault(host, Map.of())));
        }
    }
}
