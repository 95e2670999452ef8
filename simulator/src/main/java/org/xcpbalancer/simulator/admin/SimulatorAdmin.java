package org.xcpbalancer.simulator.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.xcpbalancer.simulator.fault.FaultInjector;
import org.xcpbalancer.simulator.fault.FaultSettings;
import org.xcpbalancer.simulator.model.PlacementModel;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.model.SimVmGroup;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.xapi.XapiServices;

/**
 * Run-time control of a simulator for tests and demos (also served as JSON under /sim/): read the true state,
 * change a VM's load, hold an operation on a VM, set HA, kill or revive a host, crash, hang or pause a VM, set
 * faults, expire sessions. Hosts and VMs are named by name or uuid.
 */
public final class SimulatorAdmin {

    private final PoolModel model;
    private final FaultInjector faults;
    private final XapiServices services;

    public SimulatorAdmin(PoolModel model, FaultInjector faults, XapiServices services) {
        this.model = model;
        this.faults = faults;
        this.services = services;
    }

    public SimHost host(String nameOrUuid) {
        return find(nameOrUuid, model::hostByName, model::host, "host");
    }

    public SimVm vm(String nameOrUuid) {
        return find(nameOrUuid, model::vmByName, model::vm, "VM");
    }

    private static <T> T find(String nameOrUuid, Function<String, T> byName, Function<String, T> byUuid,
                              String what) {
        T found = byName.apply(nameOrUuid);
        if (found == null) {
            found = byUuid.apply(nameOrUuid);
        }
        if (found == null) {
            throw new IllegalArgumentException("no " + what + " \"" + nameOrUuid + "\"");
        }
        return found;
    }

    /**
     * The host dies: it stops answering on its address, migrations to or from it fail, its VMs stay Running in
     * XAPI's records until VM.power_state_reset; host_metrics.live turns false after the scenario's
     * hostLivenessTimeoutSeconds (at once by default).
     */
    public void killHost(String nameOrUuid) {
        model.power().crashHost(host(nameOrUuid));
    }

    /** The host runs again at once: it answers, is live and reachable from the master. */
    public void reviveHost(String nameOrUuid) {
        model.power().reviveHost(host(nameOrUuid));
    }

    /** A fence: the host is powered off (as dead for the master, drawing no power) until host.power_on. */
    public void fenceHost(String nameOrUuid) {
        model.power().fenceHost(host(nameOrUuid));
    }

    /** Cuts the host off from the master only (it runs on, its VMs too), or heals the partition. */
    public void partitionHost(String nameOrUuid, boolean partitioned) {
        SimHost host = host(nameOrUuid);
        if (host.isMaster()) {
            throw new IllegalArgumentException("the master cannot be partitioned from itself");
        }
        model.power().partitionHost(host, partitioned);
    }

    /** The guest crashes: its domain is gone and XAPI records it Halted (actions_after_crash "destroy"). */
    public void crashVm(String nameOrUuid) {
        model.power().haltVm(runningGuest(nameOrUuid));
    }

    /** The guest hangs: it stays Running but its agent stops reporting (VM_guest_metrics.last_updated stops). */
    public void hangVm(String nameOrUuid) {
        model.power().hangVm(runningGuest(nameOrUuid));
    }

    /**
     * The hypervisor pauses the guest, as xenopsd does when a guest with actions_after_crash "preserve" crashes
     * (xapi_xenops.ml: preserve is Vm.Pause): XAPI records it Paused, on its host and holding its memory, with no
     * VM_PAUSED message (only VM.pause writes one) and its agent's heartbeat stopped.
     */
    public void pauseVm(String nameOrUuid) {
        model.power().pauseVm(runningGuest(nameOrUuid));
    }

    private SimVm runningGuest(String nameOrUuid) {
        SimVm vm = vm(nameOrUuid);
        if (!vm.isGuest() || vm.powerState() != PowerState.RUNNING) {
            throw new IllegalArgumentException("VM \"" + vm.name() + "\" is not a running guest");
        }
        return vm;
    }

    /** Sets the VM's demanded utilisation per vCPU (0..1) from now on. */
    public void setVmCpu(String nameOrUuid, double cpu) {
        model.setVmCpuDemand(vm(nameOrUuid), cpu);
    }

    /**
     * Holds an operation on the VM (it shows in current_operations, allowed_operations empties, pool_migrate gets
     * OTHER_OPERATION_IN_PROGRESS) until released with null.
     */
    public void holdOperation(String vmNameOrUuid, String operation) {
        if (operation != null && !operation.matches("[a-z][a-z_]*")) {
            throw new IllegalArgumentException("not a VM operation name: \"" + operation + "\"");
        }
        model.placement().setHeldOperation(vm(vmNameOrUuid), operation);
    }

    /** pool.ha_enabled, ha_host_failures_to_tolerate and ha_allow_overcommit from now on. */
    public void setHa(PlacementModel.HaSettings settings) {
        if (settings.hostFailuresToTolerate() < 0 || settings.hostFailuresToTolerate() > model.hosts().size()) {
            throw new IllegalArgumentException("hostFailuresToTolerate must be from 0 to " + model.hosts().size());
        }
        model.placement().setHa(settings);
    }

    public FaultSettings faults() {
        return faults.settings();
    }

    public void setFaults(FaultSettings settings) {
        faults.set(settings);
    }

    public void setLatency(Duration latency) {
        faults.set(faults.settings().withLatency(latency));
    }

    public void setFailShare(double share) {
        faults.set(faults.settings().withFailShare(share));
    }

    /** The next count /rrd_updates GETs are answered HTTP 500. */
    public void failNextRrdUpdates(int count) {
        faults.failNextRrdUpdates(count);
    }

    public void setDropShare(double share) {
        faults.set(faults.settings().withDropShare(share));
    }

    public void setHangMigrations(boolean hang) {
        faults.set(faults.settings().withHangMigrations(hang));
    }

    /** null goes back to the scenario's migration failure rate. */
    public void setMigrationFailureShare(Double share) {
        faults.set(faults.settings().withMigrationFailureShare(share));
    }

    /** Every session becomes invalid: the next call with one gets SESSION_INVALID. */
    public int expireSessions() {
        return services.sessions().invalidateAll();
    }

    /** The pool's true state, as the /sim/state JSON shows it. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("pool", model.poolName());
        state.put("time", model.clock().now().toString());
        state.put("speed", model.clock().speed());
        List<Object> hosts = new ArrayList<>();
        for (SimHost host : model.hosts()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("name", host.name());
            h.put("uuid", host.uuid());
            h.put("address", host.address());
            h.put("master", host.isMaster());
            h.put("live", host.live());
            h.put("power", host.power().name().toLowerCase(Locale.ROOT));
            h.put("partitioned", host.partitioned());
            h.put("watts", model.hostWatts(host));
            h.put("energyWh", model.hostEnergyWh(host));
            h.put("enabled", host.enabled());
            h.put("cpus", host.cpuCount());
            h.put("cpuAvg", finiteOrNull(model.hostLoad(host).cpuAvg()));
            h.put("memoryTotalBytes", host.memoryTotalBytes());
            h.put("memoryFreeBytes", model.hostFreeMemoryBytes(host));
            List<String> residents = new ArrayList<>();
            for (SimVm vm : model.residentVms(host)) {
                if (vm.isGuest()) {
                    residents.add(vm.name());
                }
            }
            h.put("vms", residents);
            h.put("tags", host.tags());
            hosts.add(h);
        }
        state.put("hosts", hosts);
        state.put("watts", model.hosts().stream().mapToDouble(model::hostWatts).sum());
        state.put("energyWh", model.hosts().stream().mapToDouble(model::hostEnergyWh).sum());
        List<Object> vms = new ArrayList<>();
        for (SimVm vm : model.vms()) {
            if (!vm.isGuest()) {
                continue;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", vm.name());
            v.put("uuid", vm.uuid());
            v.put("powerState", vm.powerState().xapiName());
            v.put("host", vm.residentOn() == null ? null : vm.residentOn().name());
            v.put("vcpus", vm.vcpus());
            v.put("memoryBytes", vm.memoryBytes());
            v.put("cpuDemand", model.vmCpuDemand(vm));
            v.put("currentOperations", services.migrations().currentOperations(vm.uuid()));
            v.put("tags", vm.tags());
            v.put("passthrough", vm.passthrough());
            v.put("affinity", vm.affinity() == null ? null : vm.affinity().name());
            v.put("haRestartPriority", vm.haRestartPriority());
            v.put("order", vm.order());
            v.put("startDelay", vm.startDelaySeconds());
            v.put("heartbeating", model.power().guestHeartbeating(vm));
            v.put("groups", vm.groupUuids().stream().map(uuid -> model.placement().group(uuid))
                    .filter(Objects::nonNull).map(SimVmGroup::name).toList());
            vms.add(v);
        }
        state.put("vms", vms);
        state.put("migrationsInProgress", services.migrations().activeCount());
        state.put("migrationRefusals", services.migrations().refusals());
        state.put("ha", haAsMap());
        state.put("faults", faultsAsMap(faults.settings()));
        state.put("sessions", services.sessions().size());
        return state;
    }

    /** The pool's HA settings and xapi's plan figures (ha_plan_exists_for, ha_overcommitted). */
    public Map<String, Object> haAsMap() {
        PlacementModel.HaSettings ha = model.placement().ha();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("enabled", ha.enabled());
        map.put("hostFailuresToTolerate", ha.hostFailuresToTolerate());
        map.put("allowOvercommit", ha.allowOvercommit());
        map.put("planExistsFor", model.placement().haPlanExistsFor());
        map.put("overcommitted", model.placement().haOvercommitted());
        map.put("rollingUpgrade", model.placement().rollingUpgrade());
        return map;
    }

    static Map<String, Object> faultsAsMap(FaultSettings settings) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("latencyMs", settings.latency().toMillis());
        map.put("failShare", settings.failShare());
        map.put("dropShare", settings.dropShare());
        map.put("hangMigrations", settings.hangMigrations());
        map.put("migrationFailureShare", settings.migrationFailureShare());
        return map;
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
