package org.xcpbalancer.simulator.scenario;

import java.util.List;

/** One XAPI VM_group of a scenario: placement "anti_affinity" or "normal", members by VM name. */
public record GroupSpec(String name, String uuid, String description, String placement, List<String> members) {
    public GroupSpec {
        members = List.copyOf(members);
    }
}
