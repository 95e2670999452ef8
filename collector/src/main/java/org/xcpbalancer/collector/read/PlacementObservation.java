package org.xcpbalancer.collector.read;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one read of the pool saw about where VMs may run and whether they may move: the pool's HA settings and
 * rolling upgrade, host tags, VM groups with their members, and per VM its movability, HA priority and affinity.
 * Templates and snapshots are left out, as in {@link PoolObservation}. Immutable.
 *
 * @param hostTags         host uuid -> its XAPI tags
 * @param hostPowerOnModes host uuid -> its power_on_mode ("" when host.power_on cannot wake it)
 */
public record PlacementObservation(boolean haEnabled, long haHostFailuresToTolerate, long haPlanExistsFor,
        boolean haAllowOvercommit, boolean rollingUpgrade, Map<String, Set<String>> hostTags,
        Map<String, String> hostPowerOnModes, List<Group> groups, List<Vm> vms) {

    public PlacementObservation {
        hostTags = Map.copyOf(hostTags);
        hostPowerOnModes = Map.copyOf(hostPowerOnModes);
        groups = List.copyOf(groups);
        vms = List.copyOf(vms);
    }

    /** A VM group and its members' uuids (members that are templates or snapshots left out). */
    public record Group(String uuid, String name, String placement, Set<String> memberUuids) {
        public Group {
            memberUuids = Set.copyOf(memberUuids);
        }
    }

    /**
     * @param migratable        allowed_operations contains pool_migrate
     * @param passthrough       "pci" (attached_PCIs not empty), "vgpu" (VGPUs not empty) or null
     * @param currentOperation  one of current_operations' values, null when none
     * @param haRestartPriority "restart", "best-effort" or "" as XAPI has it
     * @param affinityHostUuid  VM.affinity, null for none or a host outside the pool
     */
    public record Vm(String uuid, boolean migratable, String passthrough, String currentOperation,
            String haRestartPriority, String affinityHostUuid) {
    }
}
