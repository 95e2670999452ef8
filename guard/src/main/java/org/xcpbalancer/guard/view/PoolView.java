package org.xcpbalancer.guard.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.state.VmGroup;

/**
 * What one guard check reads from XAPI (one get_all_records per class): the pool, its hosts with their metrics,
 * its VMs with their guest metrics, and the master's clock. Immutable; the next check reads a new one.
 *
 * @param serverTime the master's clock at the read (host.get_servertime), for heartbeat and message ages
 * @param vmMessages per VM uuid, its newest VM_STARTED/VM_REBOOTED and VM_SHUTDOWN messages (one
 *                   message.get_all_records per check)
 * @param groups     XAPI's VM groups (empty where XAPI has none)
 */
public record PoolView(String poolUuid, String poolName, boolean haEnabled, String masterUuid, Instant serverTime,
        List<HostView> hosts, List<VmView> vms, Map<String, VmMessages> vmMessages, List<VmGroup> groups) {

    public PoolView {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        groups = List.copyOf(groups);
        vmMessages = Map.copyOf(vmMessages);
    }

    public VmMessages messagesOf(String vmUuid) {
        return vmMessages.getOrDefault(vmUuid, VmMessages.NONE);
    }

    public Optional<HostView> host(String uuid) {
        return hosts.stream().filter(h -> h.uuid().equals(uuid)).findFirst();
    }

    public Optional<VmView> vm(String uuid) {
        return vms.stream().filter(v -> v.uuid().equals(uuid)).findFirst();
    }

    public HostView master() {
        return host(masterUuid).orElseThrow(() -> new IllegalStateException("the pool's master " + masterUuid
                + " is not among its hosts"));
    }

    /** The VMs XAPI records as resident on the host (Running or Paused there). */
    public List<VmView> residentOn(String hostUuid) {
        return vms.stream().filter(v -> hostUuid.equals(v.residentOnUuid())).toList();
    }

    public List<VmView> protectedVms() {
        return vms.stream().filter(VmView::isProtected).toList();
    }
}
