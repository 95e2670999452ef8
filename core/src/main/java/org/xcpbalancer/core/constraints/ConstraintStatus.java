package org.xcpbalancer.core.constraints;

import java.util.List;

/**
 * Whether one constraint holds with the VMs where they are, and if not, which VMs break it and how.
 *
 * @param violatingVmUuids the VMs out of place: members sharing a host (anti-affinity), members away from the
 *                         host most of the group runs on (affinity), the VM itself (run-on, prefer)
 * @param detail           one phrase for people, e.g. "Web1 and Web2 share Host1"
 */
public record ConstraintStatus(Constraint constraint, boolean holds, List<String> violatingVmUuids, String detail) {
    public ConstraintStatus {
        violatingVmUuids = List.copyOf(violatingVmUuids);
    }
}
