package org.xcpbalancer.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xcpbalancer.simulator.rrd.RrdStore;
import org.xcpbalancer.simulator.scenario.HostSpec;
import org.xcpbalancer.simulator.scenario.LoadProfile;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.ScenarioOptions;
import org.xcpbalancer.simulator.scenario.SnapshotSpec;
import org.xcpbalancer.simulator.scenario.VmSpec;

/**
 * The true state of a simulated pool and its load model (docs/simulator-scenarios.md). Thread-safe: one lock,
 * short critical sections; listeners are called after the lock is released.
 *
 * <p>Load at an instant: a host's guests demand Σ vcpus × cpu cores; if that exceeds the host's cores, every
 * guest gets {@code scale = cores / demand} of what it asks. The control domain's (small) demand is served on top
 * and the host's utilisation is (delivered guest load + dom0 load) / cores, capped at 1.
 */
public final class PoolModel {
    private static final long MIB = 1024L * 1024;

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
    private final Map<SimHost, Set<SimVm>> residents = new HashMap<>();
    private final Map<SimHost, Map<SimVm, Long>> reservations = new HashMap<>();
    private final Map<SimHost, double[]> migrationTraffic = new HashMap<>();
    private final Map<SimHost, Integer> migrationStreams = new HashMap<>();
    private final Map<SimVm, Instant> noisyUntil = new HashMap<>();
    private final Map<SimHost, Long> nextDomid = new HashMap<>();
    private final List<ModelListener> listeners = new CopyOnWriteArrayList<>();
    private final RrdStore rrd;
    /** Guest demand per host at {@link #demandMemoAt}: the RRD store samples every VM of a host at one instant. */
    private final Map<SimHost, Double> demandMemo = new HashMap<>();
    private Instant demandMemoAt;

    private PoolModel(Scenario scenario, SimClock clock, long seed) {
        this.scenario = scenario;
        this.clock = clock;
        this.seed = seed;
        this.start = clock.now();
        List<SimHost> hostList = new ArrayList<>();
        List<SimVm> vmList = new ArrayList<>();
        for (HostSpec spec : scenario.hosts()) {
            SimHost host = new SimHost(spec.uuid(), spec.name(), spec.description(), spec.address(), spec.cpus(),
                    spec.memoryMb() * MIB, spec.master(), spec.enabled(), spec.tags(), spec.otherConfig(),
                    spec.controlDomainCpu(), spec.controlDomainMemoryMb() * MIB);
            SimVm dom0 = new SimVm(SimHost.derived(spec.uuid(), "control_domain"),
                    "Control domain on host: " + spec.name(), "The domain which manages physical devices and "
                    + "manages other domains", SimVm.Kind.CONTROL_DOMAIN, spec.controlDomainVcpus(),
                    spec.controlDomainMemoryMb() * MIB, null, List.of(), Map.of(), 0, 0, 0, 0, 0,
                    PowerState.RUNNING, host, 0, spec.controlDomainCpu());
            host.setControlDomain(dom0);
            hostList.add(host);
            vmList.add(dom0);
            residents.put(host, new LinkedHashSet<>(List.of(dom0)));
            nextDomid.put(host, 1L);
        }
        this.hosts = List.copyOf(hostList);
        hosts.forEach(h -> {
            hostsByUuid.put(h.uuid(), h);
            hostsByName.put(h.name(), h);
        });
        for (VmSpec spec : scenario.vms()) {
            SimHost host = spec.host() == null ? null : hostsByName.get(spec.host());
            SimVm vm = new SimVm(spec.uuid(), spec.name(), spec.description(), SimVm.Kind.GUEST, spec.vcpus(),
                    spec.memoryMb() * MIB, null, spec.tags(), spec.otherConfig(), spec.memoryInternalFreeMb() * MIB,
                    spec.vifRxKbps() * 1024, spec.vifTxKbps() * 1024, spec.diskReadKbps() * 1024,
                    spec.diskWriteKbps() * 1024, spec.powerState(), host, host == null ? -1 : takeDomid(host),
                    spec.cpu());
            vmList.add(vm);
            if (host != null) {
                residents.get(host).add(vm);
            }
        }
        for (String template : scenario.templates()) {
            vmList.add(new SimVm(org.xcpbalancer.simulator.scenario.ScenarioLoader.derivedUuid(
                    scenario.poolName(), "template", template), template, "Template for " + template,
                    SimVm.Kind.TEMPLATE, 1, 1024 * MIB, null, List.of(), Map.of(), 0, 0, 0, 0, 0,
                    PowerState.HALTED, null, -1, LoadProfile.constant(0)));
        }
        Map<String, SimVm> guests = new LinkedHashMap<>();
        vmList.stream().filter(SimVm::isGuest).forEach(v -> guests.put(v.name(), v));
        for (SnapshotSpec snapshot : scenario.snapshots()) {
            SimVm of = guests.get(snapshot.of());
            vmList.add(new SimVm(snapshot.uuid(), snapshot.name(), "Snapshot of " + of.name(), SimVm.Kind.SNAPSHOT,
                    of.vcpus(), of.memoryBytes(), of, of.tags(), of.otherConfig(), of.memoryInternalFreeBytes(),
                    0, 0, 0, 0, PowerState.HALTED, null, -1, LoadProfile.constant(0)));
        }
        this.vms = List.copyOf(vmList);
        vms.forEach(v -> {
            vmsByUuid.put(v.uuid(), v);
            vmsByName.putIfAbsent(v.name(), v);
        });
        this.rrd = new RrdStore(this);
    }

    /** Builds the pool a scenario describes; {@code seed} drives every random choice (noise, failures). */
    public static PoolModel create(Scenario scenario, SimClock clock, long seed) {
        PoolModel model = new PoolModel(scenario, clock, seed);
        model.rrd.prefill();
        return model;
    }

    private long takeDomid(SimHost host) {
        long domid = nextDomid.get(host);
        nextDomid.put(host, domid + 1);
        return domid;
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
            Set<SimVm> set = residents.get(host);
            return set == null ? List.of() : List.copyOf(set);
        }
    }

    // ---- load --------------------------------------------------------------------------------------------------

    /** The lock the model and its RRD store share. Hold it only briefly. */
    public Object lock() { return lock; }

    public HostLoad hostLoad(SimHost host) {
        synchronized (lock) {
            return computeHostLoad(host, clock.now());
        }
    }

    public VmLoad vmLoad(SimVm vm) {
        synchronized (lock) {
            return computeVmLoad(vm, clock.now());
        }
    }

    /** The CPU each vCPU of this VM asks for now (0..1), before any overcommit scaling. */
    public double vmCpuDemand(SimVm vm) {
        return vm.cpuProfile().valueAt(Duration.between(start, clock.now()));
    }

    /** What host.compute_free_memory returns: total − resident guests − control domain − overhead − reservations. */
    public long hostFreeMemoryBytes(SimHost host) {
        synchronized (lock) {
            return freeMemoryBytes(host);
        }
    }

    private long freeMemoryBytes(SimHost host) {
        long used = host.controlDomainMemoryBytes() + scenario.options().hypervisorOverheadMb() * MIB;
        for (SimVm vm : residents.get(host)) {
            if (!vm.isControlDomain()) {
                used += vm.memoryBytes();
            }
        }
        for (long reserved : reservations.getOrDefault(host, Map.of()).values()) {
            used += reserved;
        }
        return Math.max(0, host.memoryTotalBytes() - used);
    }

    /** Host metrics at a given instant with the current placement. */
    public HostLoad hostLoadAt(SimHost host, Instant at) {
        synchronized (lock) {
            return computeHostLoad(host, at);
        }
    }

    private HostLoad computeHostLoad(SimHost host, Instant at) {
        Duration since = Duration.between(start, at);
        double guestDemand = guestDemandCores(host, at);
        double scale = scale(host, guestDemand);
        SimVm dom0 = host.controlDomain();
        double dom0Demand = dom0.vcpus() * clamp(dom0.cpuProfile().valueAt(since));
        double utilisation = Math.min(1.0, (guestDemand * scale + dom0Demand) / host.cpuCount());
        double[] perCore = new double[host.cpuCount()];
        Arrays.fill(perCore, utilisation);
        double rx = LoadModel.MANAGEMENT_BYTES_PER_SEC;
        double tx = LoadModel.MANAGEMENT_BYTES_PER_SEC;
        for (SimVm vm : residents.get(host)) {
            if (vm.isGuest()) {
                rx += vm.vifRxBytesPerSec();
                tx += vm.vifTxBytesPerSec();
            }
        }
        double[] migration = migrationTraffic.getOrDefault(host, new double[2]);
        rx += migration[0];
        tx += migration[1];
        long totalKib = host.memoryTotalBytes() / 1024;
        return new HostLoad(perCore, utilisation,
                dom0Demand + LoadModel.MIGRATION_LOADAVG * migrationStreams.getOrDefault(host, 0),
                totalKib, freeMemoryBytes(host) / 1024,
                host.isMaster() ? LoadModel.XAPI_MEMORY_USAGE_KIB_MASTER : LoadModel.XAPI_MEMORY_USAGE_KIB_SLAVE,
                LoadModel.XAPI_FREE_MEMORY_KIB, LoadModel.LOOPBACK_BYTES_PER_SEC, LoadModel.LOOPBACK_BYTES_PER_SEC,
                rx, tx);
    }

    /** VM metrics at a given instant with the current placement. */
    public VmLoad vmLoadAt(SimVm vm, Instant at) {
        synchronized (lock) {
            return computeVmLoad(vm, at);
        }
    }

    private VmLoad computeVmLoad(SimVm vm, Instant at) {
        double perVcpu = computeVmCpu(vm, at);
        double[] cpus = new double[vm.vcpus()];
        Arrays.fill(cpus, perVcpu);
        if (Double.isNaN(perVcpu)) {
            return new VmLoad(cpus, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (vm.isControlDomain()) {
            return new VmLoad(cpus, vm.memoryBytes(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new VmLoad(cpus, vm.memoryBytes(), vm.memoryInternalFreeBytes() / 1024.0, vm.vifRxBytesPerSec(),
                vm.vifTxBytesPerSec(), vm.diskReadBytesPerSec(), vm.diskWriteBytesPerSec());
    }

    /**
     * The utilisation each vCPU of the VM gets at an instant (the same for all its vCPUs), NaN when it is not
     * running. The RRD store samples thousands of VMs with this rather than building {@link VmLoad}s.
     */
    public double vmCpuPerVcpuAt(SimVm vm, Instant at) {
        synchronized (lock) {
            return computeVmCpu(vm, at);
        }
    }

    private double computeVmCpu(SimVm vm, Instant at) {
        SimHost host = vm.residentOn();
        if (host == null || vm.powerState() != PowerState.RUNNING) {
            return Double.NaN;
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
        for (SimVm vm : residents.get(host)) {
            if (vm.isGuest()) {
                demand += vm.vcpus() * clamp(vm.cpuProfile().valueAt(since));
            }
        }
        demandMemo.put(host, demand);
        return demand;
    }

    private static double scale(SimHost host, double guestDemand) {
        return guestDemand > host.cpuCount() ? host.cpuCount() / guestDemand : 1.0;
    }

    private double withNoise(SimVm vm, Instant at, double value) {
        Instant until = noisyUntil.get(vm);
        if (until == null || !at.isBefore(until)) {
            return value;
        }
        long step = Math.floorDiv(at.getEpochSecond(), 5);
        long bits = new java.util.SplittableRandom(seed ^ vm.uuid().hashCode() * 31L ^ step).nextLong();
        double u = (bits >>> 11) * 0x1.0p-53 * 2 - 1;
        return clamp(value * (1 + scenario.options().postMigrationNoiseAmplitude() * u));
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
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
            long available = freeMemoryBytes(dest);
            if (vm.memoryBytes() > available) {
                throw new NotEnoughFreeMemoryException(vm.memoryBytes(), available);
            }
            reservations.computeIfAbsent(dest, h -> new HashMap<>()).put(vm, vm.memoryBytes());
        }
        fire("host_metrics", dest.metricsUuid());
    }

    public void releaseReservation(SimHost dest, SimVm vm) {
        synchronized (lock) {
            rrd.catchUp();
            Map<SimVm, Long> held = reservations.get(dest);
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
            migrationTraffic.computeIfAbsent(src, h -> new double[2])[1] += bytesPerSec;
            migrationTraffic.computeIfAbsent(dst, h -> new double[2])[0] += bytesPerSec;
            for (SimHost host : new SimHost[] {src, dst}) {
                double[] traffic = migrationTraffic.get(host);
                traffic[0] = Math.max(0, traffic[0]);
                traffic[1] = Math.max(0, traffic[1]);
                migrationStreams.merge(host, streams, (a, b) -> Math.max(0, a + b));
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
            residents.get(source).remove(vm);
            residents.get(dest).add(vm);
            Map<SimVm, Long> held = reservations.get(dest);
            if (held != null) {
                held.remove(vm);
            }
            vm.setResidentOn(dest, takeDomid(dest));
            demandMemoAt = null;
            Duration noise = scenario.options().postMigrationNoise();
            if (!noise.isZero()) {
                noisyUntil.put(vm, clock.now().plus(noise));
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
            demandMemoAt = null;
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
            return Collections.unmodifiableMap(new HashMap<>(reservations.getOrDefault(host, Map.of())));
        }
    }
}
