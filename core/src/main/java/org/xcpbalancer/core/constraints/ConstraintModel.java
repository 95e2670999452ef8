package org.xcpbalancer.core.constraints;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmGroup;
import org.xcpbalancer.core.state.VmState;

/**
 * Every placement constraint of one pool, read once from its collected state, with the lookups the placement
 * rules need per VM and host. Pure: no database, no XAPI; the controller and the console share it, so both
 * read the tags and groups the same way. Control domains take no part in any constraint.
 */
public final class ConstraintModel {
    /** XAPI VM_group.placement of a group whose members should run on different hosts. */
    public static final String ANTI_AFFINITY_PLACEMENT = "anti_affinity";
    /** XAPI VM.ha_restart_priority of the VMs the HA plan protects. */
    public static final String HA_RESTART = "restart";

    private final List<Constraint> constraints;
    private final Map<String, List<Constraint>> byVm;
    private final Map<String, Set<String>> hostLabels;
    private final Map<String, Constraint> runOn;
    private final Map<String, Constraint> prefer;
    private final PoolHa ha;
    private final Map<String, Long> protectedMemoryMb;

    private ConstraintModel(List<Constraint> constraints, Map<String, Set<String>> hostLabels, PoolHa ha,
            Map<String, Long> protectedMemoryMb) {
        this.constraints = List.copyOf(constraints);
        this.hostLabels = Map.copyOf(hostLabels);
        this.ha = ha;
        this.protectedMemoryMb = Map.copyOf(protectedMemoryMb);
        Map<String, List<Constraint>> index = new HashMap<>();
        Map<String, Constraint> runOnIndex = new HashMap<>();
        Map<String, Constraint> preferIndex = new HashMap<>();
        for (Constraint c : constraints) {
            for (String vm : c.vmUuids()) {
                index.computeIfAbsent(vm, k -> new ArrayList<>()).add(c);
            }
            if (c.kind() == Constraint.Kind.RUN_ON) {
                runOnIndex.put(c.vmUuids().get(0), c);
            } else if (c.kind() == Constraint.Kind.PREFER) {
                preferIndex.put(c.vmUuids().get(0), c);
            }
        }
        this.byVm = index;
        this.runOn = runOnIndex;
        this.prefer = preferIndex;
    }

    public static ConstraintModel of(PoolState state) {
        return of(state.hosts(), state.vms(), state.groups(), state.ha());
    }

    public static ConstraintModel of(List<HostState> hosts, List<VmState> vms, List<VmGroup> groups, PoolHa ha) {
        Map<String, Set<String>> labels = new HashMap<>();
        for (HostState host : hosts) {
            labels.put(host.uuid(), Set.copyOf(ConstraintTags.values(host.tags(), ConstraintTags.LABEL)));
        }
        Map<String, VmGroup> antiGroups = new HashMap<>();
        for (VmGroup group : groups) {
            if (ANTI_AFFINITY_PLACEMENT.equalsIgnoreCase(group.placement())) {
                antiGroups.put(group.uuid(), group);
            }
        }
        Map<String, Set<String>> xapiAnti = new TreeMap<>();
        Map<String, Set<String>> tagAnti = new TreeMap<>();
        Map<String, Set<String>> tagAffinity = new TreeMap<>();
        List<Constraint> perVm = new ArrayList<>();
        Map<String, Long> protectedMb = new HashMap<>();
        for (VmState vm : vms) {
            if (vm.controlDomain()) {
                continue;
            }
            for (String group : vm.groupUuids()) {
                if (antiGroups.containsKey(group)) {
                    xapiAnti.computeIfAbsent(group, k -> new TreeSet<>()).add(vm.uuid());
                }
            }
            ConstraintTags.values(vm.tags(), ConstraintTags.ANTI_AFFINITY)
                    .forEach(n -> tagAnti.computeIfAbsent(n, k -> new TreeSet<>()).add(vm.uuid()));
            ConstraintTags.values(vm.tags(), ConstraintTags.AFFINITY)
                    .forEach(n -> tagAffinity.computeIfAbsent(n, k -> new TreeSet<>()).add(vm.uuid()));
            Set<String> mustLabels = ConstraintTags.values(vm.tags(), ConstraintTags.RUN_ON);
            if (!mustLabels.isEmpty()) {
                perVm.add(new Constraint(Constraint.Kind.RUN_ON, "run-on:" + vm.uuid(), vm.name(), "tag",
                        List.of(vm.uuid()), mustLabels, null));
            }
            Set<String> preferLabels = ConstraintTags.values(vm.tags(), ConstraintTags.PREFER);
            String home = vm.affinityHostUuid();
            if (!preferLabels.isEmpty() || home != null) {
                String origin = preferLabels.isEmpty() ? "VM.affinity" : home == null ? "tag" : "tag, VM.affinity";
                perVm.add(new Constraint(Constraint.Kind.PREFER, "prefer:" + vm.uuid(), vm.name(), origin,
                        List.of(vm.uuid()), preferLabels, home));
            }
            if (ha != null && ha.enabled() && HA_RESTART.equalsIgnoreCase(vm.haRestartPriority())) {
                protectedMb.put(vm.uuid(), vm.memoryMb() == null ? 0L : vm.memoryMb());
            }
        }
        List<Constraint> all = new ArrayList<>();
        xapiAnti.forEach((uuid, members) -> all.add(new Constraint(Constraint.Kind.ANTI_AFFINITY,
                "anti-affinity:group:" + uuid, antiGroups.get(uuid).name(), "VM_group", List.copyOf(members), Set.of(),
                null)));
        tagAnti.forEach((name, members) -> all.add(new Constraint(Constraint.Kind.ANTI_AFFINITY,
                "anti-affinity:tag:" + name, name, "tag", List.copyOf(members), Set.of(), null)));
        tagAffinity.forEach((name, members) -> all.add(new Constraint(Constraint.Kind.AFFINITY,
                "affinity:tag:" + name, name, "tag", List.copyOf(members), Set.of(), null)));
        perVm.sort(Comparator.comparing((Constraint c) -> c.kind()).thenComparing(Constraint::name,
                Comparator.nullsLast(String::compareTo)));
        all.addAll(perVm);
        return new ConstraintModel(all, labels, ha == null ? new PoolHa(false, 0, 0, false) : ha, protectedMb);
    }

    /** Every constraint: anti-affinity groups, affinity groups, then run-on and prefer per VM. */
    public List<Constraint> constraints() {
        return constraints;
    }

    /** The constraints that name the VM. */
    public List<Constraint> of(String vmUuid) {
        return byVm.getOrDefault(vmUuid, List.of());
    }

    /** The groups of a kind the VM is a member of (ANTI_AFFINITY or AFFINITY). */
    public List<Constraint> groupsOf(String vmUuid, Constraint.Kind kind) {
        List<Constraint> result = new ArrayList<>();
        for (Constraint c : of(vmUuid)) {
            if (c.kind() == kind) {
                result.add(c);
            }
        }
        return result;
    }

    /** The host's labels (xcp-balancer:label=LABEL tags), lower-cased. */
    public Set<String> labels(String hostUuid) {
        return hostLabels.getOrDefault(hostUuid, Set.of());
    }

    /** The VM's run-on constraint, or null. */
    public Constraint runOn(String vmUuid) {
        return runOn.get(vmUuid);
    }

    /** The VM's preference, or null. */
    public Constraint preference(String vmUuid) {
        return prefer.get(vmUuid);
    }

    /** Whether the VM may run on the host by its run-on labels (true when it has none). */
    public boolean allows(String vmUuid, String hostUuid) {
        Constraint must = runOn.get(vmUuid);
        return must == null || labels(hostUuid).containsAll(must.labels());
    }

    /** Whether the host is one the VM prefers (false when it has no preference). */
    public boolean prefers(String vmUuid, String hostUuid) {
        Constraint should = prefer.get(vmUuid);
        if (should == null || hostUuid == null) {
            return false;
        }
        if (hostUuid.equals(should.homeHostUuid())) {
            return true;
        }
        Set<String> labels = labels(hostUuid);
        return should.labels().stream().anyMatch(labels::contains);
    }

    public PoolHa ha() {
        return ha;
    }

    /** Per VM uuid, the memory of the VMs XAPI's HA plan protects (restart priority "restart", HA enabled). */
    public Map<String, Long> protectedMemoryMb() {
        return protectedMemoryMb;
    }
}
