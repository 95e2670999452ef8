package org.xcpbalancer.collector.read;

import java.util.Set;

/**
 * An XAPI VM_group as read with VM_group.get_all_records.
 *
 * @param placement "anti_affinity" or "normal", as XAPI spells it
 * @param vmRefs    VM_group.VMs: the members' opaque references
 */
public record ObservedGroup(String uuid, String name, String placement, Set<String> vmRefs) {
    public ObservedGroup {
        vmRefs = Set.copyOf(vmRefs);
    }
}
