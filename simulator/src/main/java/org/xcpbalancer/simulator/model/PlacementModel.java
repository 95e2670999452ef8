package org.xcpbalancer.simulator.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.xcpbalancer.simulator.scenario.GroupSpec;
import org.xcpbalancer.simulator.scenario.PoolPlacementSpec;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.VmSpec;

/**
 * Where VMs may run and whether they may move: host and VM tags, VM groups, VM.affinity, passthrough devices,
 * operations held on a VM, HA settings with xapi's failover plan ({@link HaPlanner}), and the rolling-upgrade flag.
 * Shares the {@link PoolModel}'s lock and change hook; every change is announced like the model's own.
 */
public final class PlacementModel {
    /** HA as the pool record shows it: pool.ha_enabled, ha_host_failures_to_tolerate, ha_allow_overcommit. */
    public record HaSettings(boolean enabled, long hostFailuresToTolerate, boolean allowOvercommit) {
    }

    private final PoolModel model;
    private final Object lock;
    /** Guarded by lock. */
    private final Map<String, SimVmGroup> groups = new LinkedHashMap<>();
    private long groupsCreated;
    private volatile HaSettings ha;
    private volatile boolean rollingUpgrade;

    PlacementModel(PoolModel model, Object lock, Scenario scenario) {
        this.model = model;
        this.lock = lock;
        PoolPlacementSpec pool = scenario.placement();
        this.ha = new HaSettings(pool.haEnabled(), pool.haHostFailuresToTolerate(), pool.haAllowOvercommit());
        this.rollingUpgrade = pool.rollingUpgrade();
        for (GroupSpec spec : pool.groups()) {
            SimVmGroup group = new SimVmGroup(spec.uuid(), spec.name(), spec.description(), spec.placement());
            groups.put(group.uuid(), group);
            spec.members().forEach(member -> model.vmByName(member).setGroupUuids(List.of(group.uuid())));
        }
        for (VmSpec spec : scenario.vms()) {
            SimVm vm = model.vmByName(spec.name());
            vm.setPassthrough(spec.placement().passthrough());
            vm.setAffinity(spec.placement().affinityHost() == null ? null : model.hostByName(spec.placement().affinityHost()));
            vm.setHaRestartPriority(spec.placement().haRestartPriority());
            vm.setHeldOperation(spec.placement().currentOperation());
            vm.setOrder(spec.placement().order(), spec.placement().startDelaySeconds());
        }
    }

    // ---- VM groups ---------------------------------------------------------------------------------------------

    public List<SimVmGroup> groups() {
        synchronized (lock) {
            return List.copyOf(groups.values());
        }
    }

    public SimVmGroup group(String uuid) {
        synchronized (lock) {
            return uuid == null ? null : groups.get(uuid);
        }
    }

    /** VM_group.VMs: the VMs whose groups contain this one. */
    public List<SimVm> members(SimVmGroup group) {
        List<SimVm> members = new ArrayList<>();
        for (SimVm vm : model.vms()) {
            if (vm.groupUuids().contains(group.uuid())) {
                members.add(vm);
            }
        }
        return members;
    }

    /** VM_group.create; the uuid is derived from the pool and a counter, so a seeded run repeats itself. */
    public SimVmGroup createGroup(String name, String description, String placement) {
        SimVmGroup group;
        synchronized (lock) {
            model.beforeChange();
            String uuid = UUID.nameUUIDFromBytes((model.poolUuid() + "/vm_group/created/" + ++groupsCreated)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            group = new SimVmGroup(uuid, name, description, placement);
            groups.put(uuid, group);
        }
        model.announce(ModelChange.groupCreated(group));
        return group;
    }

    /** VM_group.destroy: its members leave it first (xapi_vm_group.ml). */
    public void destroyGroup(SimVmGroup group) {
        List<SimVm> left = members(group);
        synchronized (lock) {
            model.beforeChange();
            for (SimVm vm : left) {
                List<String> kept = new ArrayList<>(vm.groupUuids());
                kept.remove(group.uuid());
                vm.setGroupUuids(kept);
            }
            groups.remove(group.uuid());
        }
        left.forEach(vm -> model.announce(ModelChange.vm(vm)));
        model.announce(ModelChange.groupDestroyed(group));
    }

    /** VM.set_groups (the caller has checked xapi's rules); the groups it joins and leaves change too. */
    public void setVmGroups(SimVm vm, List<SimVmGroup> newGroups) {
        List<String> before = vm.groupUuids();
        List<String> after = newGroups.stream().map(SimVmGroup::uuid).toList();
        model.change(() -> vm.setGroupUuids(after), ModelChange.vm(vm));
        for (String uuid : before) {
            if (!after.contains(uuid) && group(uuid) != null) {
                model.announce(ModelChange.group(group(uuid)));
            }
        }
        for (SimVmGroup group : newGroups) {
            if (!before.contains(group.uuid())) {
                model.announce(ModelChange.group(group));
            }
        }
    }

    // ---- tags, affinity, HA priority, held operations ----------------------------------------------------------

    public void setVmTags(SimVm vm, List<String> tags) {
        model.change(() -> vm.setTags(tags), ModelChange.vm(vm));
    }

    public void setHostTags(SimHost host, List<String> tags) {
        model.change(() -> host.setTags(tags), ModelChange.host(host));
    }

    /** VM.set_affinity; null for none. */
    public void setAffinity(SimVm vm, SimHost host) {
        model.change(() -> vm.setAffinity(host), ModelChange.vm(vm));
    }

    public void setHaRestartPriority(SimVm vm, String priority) {
        model.change(() -> vm.setHaRestartPriority(priority), ModelChange.vm(vm), ModelChange.pool(model.poolUuid()));
    }

    /** Holds an operation on the VM (its current_operations), or releases it with null. */
    public void setHeldOperation(SimVm vm, String operation) {
        model.change(() -> vm.setHeldOperation(operation), ModelChange.vm(vm));
    }

    // ---- pool: HA and rolling upgrade --------------------------------------------------------------------------

    public HaSettings ha() {
        return ha;
    }

    public void setHa(HaSettings settings) {
        model.change(() -> ha = settings, ModelChange.pool(model.poolUuid()));
    }

    /** pool.other_config has rolling_upgrade_in_progress. */
    public boolean rollingUpgrade() {
        return rollingUpgrade;
    }

    public void setRollingUpgrade(boolean inProgress) {
        model.change(() -> rollingUpgrade = inProgress, ModelChange.pool(model.poolUuid()));
    }

    /**
     * pool.ha_plan_exists_for as xapi's update_pool_status keeps it: ha_host_failures_to_tolerate when a plan
     * exists for that many failures, else the most failures a plan exists for; 0 when HA is off.
     */
    public long haPlanExistsFor() {
        synchronized (lock) {
            HaSettings settings = ha;
            if (!settings.enabled()) {
                return 0;
            }
            for (long n = settings.hostFailuresToTolerate(); n > 0; n--) {
                if (planExists((int) n, null, null, null)) {
                    return n;
                }
            }
            return 0;
        }
    }

    /** pool.ha_overcommitted: HA is on and no plan exists for ha_host_failures_to_tolerate failures. */
    public boolean haOvercommitted() {
        synchronized (lock) {
            HaSettings settings = ha;
            return settings.enabled() && !planExists((int) settings.hostFailuresToTolerate(), null, null, null);
        }
    }

    /**
     * xapi's check before VM.pool_migrate (message_forwarding.ml check_vm_preserves_ha_plan,
     * xapi_ha_vm_failover.ml assert_configuration_change_preserves_ha_plan): with HA on and overcommit not allowed,
     * a move is refused when a plan exists now for ha_plan_exists_for failures but would not with the VM arriving
     * on {@code destination}. The VM still counts on its source host (a failure mid-flight leaves it there).
     */
    public boolean migrationBreaksHaPlan(SimVm vm, SimHost destination) {
        synchronized (lock) {
            HaSettings settings = ha;
            if (!settings.enabled() || settings.allowOvercommit()) {
                return false;
            }
            int failures = (int) haPlanExistsFor();
            return planExists(failures, null, null, null) && !planExists(failures, vm, destination, null);
        }
    }

    /**
     * xapi's check before host.disable (message_forwarding.ml, xapi_ha_vm_failover.ml
     * assert_host_disable_preserves_ha_plan): as for a migration, with the host no longer a restart target.
     */
    public boolean disableBreaksHaPlan(SimHost disabled) {
        synchronized (lock) {
            HaSettings settings = ha;
            if (!settings.enabled() || settings.allowOvercommit() || !disabled.enabled()) {
                return false;
            }
            int failures = (int) haPlanExistsFor();
            return planExists(failures, null, null, null) && !planExists(failures, null, null, disabled);
        }
    }

    /**
     * Builds the planner's input from the model (under the lock), with an optional VM arriving on a host and an
     * optional host taken out (disabled).
     */
    private boolean planExists(int failures, SimVm arriving, SimHost destination, SimHost disabled) {
        List<HaPlanner.Host> live = new ArrayList<>();
        for (SimHost host : model.hosts()) {
            if (host.live() && host.enabled() && host != disabled) {
                long free = model.hostFreeMemoryBytes(host);
                if (host == destination) {
                    free -= arriving.memoryBytes();
                }
                live.add(new HaPlanner.Host(host.uuid(), free));
            }
        }
        List<HaPlanner.Vm> protectedVms = new ArrayList<>();
        for (SimVm vm : model.vms()) {
            if (vm.isGuest() && vm.haAlwaysRun()) {
                SimHost on = vm == arriving ? destination : accountedOn(vm);
                protectedVms.add(new HaPlanner.Vm(vm.uuid(), vm.memoryBytes(), on == null ? null : on.uuid()));
            }
        }
        return HaPlanner.planExists(live, protectedVms, model.hosts().size(), failures);
    }

    /** Where xapi counts a protected VM: its resident host, else the host holding memory for it (in flight). */
    private SimHost accountedOn(SimVm vm) {
        if (vm.hasDomain() && vm.residentOn() != null) {
            return vm.residentOn();
        }
        for (SimHost host : model.hosts()) {
            if (model.reservations(host).containsKey(vm)) {
                return host;
            }
        }
        return null;
    }
}
