package org.xcpbalancer.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xcpbalancer.simulator.rrd.RrdStore;
import org.xcpbalancer.simulator.scenario.LoadProfile;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.ScenarioOptions;

/**
 * The true state of a simulated pool and its load model (docs/simulator-scenarios.md). Thread-safe: one lock,
 * short critical sections; listeners are called after the lock is released.
 *
 * <p>Load at an instant: a host's guests demand Σ vcpus × cpu cores; if that exceeds the host's cores, every
 * guest gets {@code scale = cores / demand} of what it asks. The control domain's (small) demand is served on top
 * and the host's utilisation is (delivered guest load + dom0 load) / cores, capped at 1.
 */
public final class PoolModel {
    private final Object lock = new Object();
    private final Scenario scenario;
    private final SimClock clock;
    private final long seed;
    private final Instant start;
    private final List<SimHost> hosts;
    private final List<SimVm> vms;
    private final Map<String, SimHost> hostsByUuid = new HashMap<>();
    private final Map<String, SimVm> vmsByUuid = new HashMap<>();
    private final Map<String, SimHost> hostsByName = new HashMap<>();
    private final Map<String, SimVm> vmsByName = new HashMap<>();
    private final PoolState state = new PoolState();
    private final LoadCalculator loads;
    private final List<ModelListener> listeners = new CopyOnWriteArrayList<>();
    private final RrdStore rrd;

    private PoolModel(Scenario scenario, SimClock clock, long seed) {
        this.scenario = scenario;
        this.clock = clock;
        this.seed = seed;
        this.start = clock.now();
        PoolBuilder.Pool pool = PoolBuilder.build(scenario, state);
        this.hosts = pool.hosts();
        this.vms = pool.vms();
        hosts.forEach(h -> {
            hostsByUuid.put(h.uuid(), h);
            hostsByName.put(h.name(), h);
        });
        vms.forEach(v -> {
            vmsByUuid.put(v.uuid(), v);
            vmsByName.putIfAbsent(v.name(), v);
        });
        this.loads = new LoadCalculator(state, scenario.options(), start, seed);
        this.rrd = new RrdStore(this);
    }

    /** Builds the pool a scenario describes; {@code seed} drives every random choice (noise, failures). */
    public static PoolModel create(Scenario scenario, SimClock clock, long seed) {
        PoolModel model = new PoolModel(scenario, clock, seed);
        model.rrd.prefill();
        return model;
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
    /** The RRD archives of every host and VM. */
    public RrdStore rrd() { return rrd; }

    public SimHost master() {
        return hosts.stream().filter(SimHost::isMaster).findFirst().orElseThrow();
    }

    public List<SimHost> hosts() { return hosts; }

    /** Every VM record: guests, control domains, templates and snapshots. */
    public List<SimVm> vms() { return vms; }

    public SimHost host(String uuid) { return uuid == null ? null : hostsByUuid.get(uuid); }
    public SimVm vm(String uuid) { return uuid == null ? null : vmsByUuid.get(uuid); }
    public SimHost hostByName(String name) { return hostsByName.get(name); }
    public SimVm vmByName(String name) { return vmsByName.get(name); }

    /** The VMs running on a host, its control domain first (XAPI's host.resident_VMs). */
    public List<SimVm> residentVms(SimHost host) {
        synchronized (lock) {
            Set<SimVm> set = state.residents.get(host);
            return set == null ? List.of() : List.copyOf(set);
        }
    }

    // ---- load --------------------------------------------------------------------------------------------------

    /** The lock the model and its RRD store share. Hold it only briefly. */
    public Object lock() { return lock; }

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

    public void addListener(ModelListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ModelListener listener) {
        listeners.remove(listener);
    }

    /** Holds memory on {@code dest} for an incoming migration of {@code vm}; fails if it does not fit. */
    public void reserveMemory(SimHost dest, SimVm vm) throws NotEnoughFreeMemoryException {
        synchronized (lock) {
            rrd.catchUp();
            long available = loads.freeMemoryBytes(dest);
            if (vm.memoryBytes() > available) {
                throw new NotEnoughFreeMemoryException(vm.memoryBytes(), available);
            }
            state.reservations.computeIfAbsent(dest, h -> new HashMap<>()).put(vm, vm.memoryBytes());
        }
        fire("host_metrics", dest.metricsUuid());
    }

    public void releaseReservation(SimHost dest, SimVm vm) {
        synchronized (lock) {
            rrd.catchUp();
            Map<SimVm, Long> held = state.reservations.get(dest);
            if (held == null || held.remove(vm) == null) {
                return;
            }
        }
        fire("host_metrics", dest.metricsUuid());
    }

    /** Migration traffic flowing from src (eth0 tx) to dst (eth0 rx) until removed. */
    public void addMigrationTraffic(SimHost src, SimHost dst, double bytesPerSec) {
        changeMigrationTraffic(src, dst, bytesPerSec, 1);
    }

    public void removeMigrationTraffic(SimHost src, SimHost dst, double bytesPerSec) {
        changeMigrationTraffic(src, dst, -bytesPerSec, -1);
    }

    private void changeMigrationTraffic(SimHost src, SimHost dst, double bytesPerSec, int streams) {
        synchronized (lock) {
            rrd.catchUp();
            state.migrationTraffic.computeIfAbsent(src, h -> new double[2])[1] += bytesPerSec;
            state.migrationTraffic.computeIfAbsent(dst, h -> new double[2])[0] += bytesPerSec;
            for (SimHost host : new SimHost[] {src, dst}) {
                double[] traffic = state.migrationTraffic.get(host);
                traffic[0] = Math.max(0, traffic[0]);
                traffic[1] = Math.max(0, traffic[1]);
                state.migrationStreams.merge(host, streams, (a, b) -> Math.max(0, a + b));
            }
        }
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
            rrd.catchUp();
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
        fire("vm", vm.uuid());
        fire("vm_metrics", vm.metricsUuid());
        fire("host", source.uuid());
        fire("host", dest.uuid());
        fire("host_metrics", source.metricsUuid());
        fire("host_metrics", dest.metricsUuid());
    }

    /** Sets the VM's demanded utilisation per vCPU (0..1) from now on, replacing its load profile. */
    public void setVmCpuDemand(SimVm vm, double cpu) {
        if (!(cpu >= 0 && cpu <= 1)) {
            throw new IllegalArgumentException("cpu demand must be from 0 to 1, not " + cpu);
        }
        synchronized (lock) {
            rrd.catchUp();
            vm.setCpu(LoadProfile.constant(cpu));
            loads.invalidate();
        }
        fire("vm_metrics", vm.metricsUuid());
    }

    /**
     * Replaces the VM's load profile from now on. The profile keeps counting time from the model's start, so a
     * sine or random walk continues where it would be rather than restarting.
     */
    public void setVmCpuProfile(SimVm vm, LoadProfile profile) {
        synchronized (lock) {
            rrd.catchUp();
            vm.setCpu(profile);
            loads.invalidate();
        }
        fire("vm_metrics", vm.metricsUuid());
    }

    /** A dead host (live false) stops answering; its and its VMs' metrics stop (NaN in the RRDs). */
    public void setHostLive(SimHost host, boolean live) {
        synchronized (lock) {
            rrd.catchUp();
            host.setLive(live);
        }
        fire("host_metrics", host.metricsUuid());
        fire("host", host.uuid());
    }

    public void setHostEnabled(SimHost host, boolean enabled) {
        synchronized (lock) {
            host.setEnabled(enabled);
        }
        fire("host", host.uuid());
    }

    private void fire(String xapiClass, String uuid) {
        for (ModelListener listener : listeners) {
            listener.changed(xapiClass, uuid);
        }
    }

    /** Unmodifiable view for diagnostics: which VMs hold reservations on a host. */
    public Map<SimVm, Long> reservations(SimHost host) {
        synchronized (lock) {
            return Collections.unmodifiableMap(new HashMap<>(state.reservations.getOrDefault(host, Map.of())));
        }
    }
}
