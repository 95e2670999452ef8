package org.xcpbalancer.guard.act;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xcpbalancer.control.plan.PredictedPool;
import org.xcpbalancer.core.constraints.ConstraintModel;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolHa;
import org.xcpbalancer.core.state.VmState;
import org.xcpbalancer.guard.view.HostView;
import org.xcpbalancer.guard.view.PoolView;
import org.xcpbalancer.guard.view.VmView;

/**
 * The pool as control's {@link org.xcpbalancer.control.placement.Placement} sees it, built from a guard check's
 * {@link PoolView} and the starts made since that read: each start takes the VM's memory from its host's free
 * memory (host_metrics.memory_free, which already counts the control domain) and puts the VM there, so the next
 * placement sees it. XAPI's VM groups and the constraint tags come with it (anti-affinity, run-on labels). The VMs to be started count as halted (they run nowhere until started).
 */
public final class PlacementPool {
    private final PoolView view;
    private final Map<String, Long> startedMemoryMbByHost = new HashMap<>();
    private final Map<String, String> startedOn = new HashMap<>();
    private final Set<String> toStart;

    public PlacementPool(PoolView view, Set<String> vmUuidsToStart) {
        this.view = view;
        this.toStart = Set.copyOf(vmUuidsToStart);
    }

    /** Records a start (or, in a dry run, a start that would be made). */
    public void started(VmView vm, String hostUuid) {
        startedMemoryMbByHost.merge(hostUuid, vm.memoryMb(), Long::sum);
        startedOn.put(vm.uuid(), hostUuid);
    }

    /** Running VMs on the host, counting the starts made since the read. */
    public long runningVmCount(String hostUuid) {
        return view.vms().stream().filter(v -> hostUuid.equals(hostOf(v))).count();
    }

    public PredictedPool predicted() {
        List<HostState> hosts = new ArrayList<>();
        for (HostView h : view.hosts()) {
            Long free = h.memoryFreeMb() == null ? null : h.memoryFreeMb() - startedMemoryMbByHost.getOrDefault(h.uuid(), 0L);
            hosts.add(new HostState(h.uuid(), h.name(), h.address(), h.cpuCount(), h.memoryTotalMb(), free, null, null,
                    null, null, null, null, null, null, h.enabled(), h.live(), view.serverTime(), view.serverTime(),
                    h.tags()));
        }
        List<VmState> vms = view.vms().stream().map(this::state).toList();
        ConstraintModel constraints = ConstraintModel.of(hosts, vms, view.groups(),
                new PoolHa(view.haEnabled(), 0, 0, false));
        return PredictedPool.of(hosts, vms, Map.of(), constraints, Map.of());
    }

    /** The VM as placement needs it. */
    public VmState state(VmView v) {
        String host = hostOf(v);
        return new VmState(v.uuid(), v.name(), host, v.memoryMb(), null, null, null, null, null,
                host == null ? "Halted" : "Running", false, v.tags(), view.serverTime(), view.serverTime(), true,
                null, v.currentOperations().stream().findFirst().orElse(null), v.haRestartPriority(),
                v.affinityHostUuid(), v.groupUuids());
    }

    private String hostOf(VmView v) {
        if (startedOn.containsKey(v.uuid())) {
            return startedOn.get(v.uuid());
        }
        return toStart.contains(v.uuid()) ? null : v.residentOnUuid();
    }
}
