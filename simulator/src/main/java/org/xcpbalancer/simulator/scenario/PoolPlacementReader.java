package org.xcpbalancer.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the scenario's "groups", "ha" and "rollingUpgrade" (docs/simulator-scenarios.md). */
record PoolPlacementReader(JsonFields root, String poolName, List<HostSpec> hosts, List<VmSpec> vms,
        boolean vmGroups) {

    PoolPlacementSpec read(ScenarioReader reader) throws ScenarioException {
        List<GroupSpec> groups = groups(reader);
        boolean enabled = false;
        long failures = 0;
        boolean overcommit = false;
        if (root.has("ha")) {
            JsonFields ha = new JsonFields(root.source(), "ha", root.raw("ha"));
            enabled = ha.optionalBoolean("enabled", true);
            failures = ha.optionalLong("hostFailuresToTolerate", 0, hosts.size(), hosts.size() > 1 ? 1 : 0);
            overcommit = ha.optionalBoolean("allowOvercommit", false);
            ha.rejectUnknown();
        }
        return new PoolPlacementSpec(groups, enabled, failures, overcommit, root.optionalBoolean("rollingUpgrade", false));
    }

    /** xapi lets a VM belong to one group only (TOO_MANY_GROUPS), and only guests (not control domains). */
    private List<GroupSpec> groups(ScenarioReader reader) throws ScenarioException {
        JsonNode array = root.array("groups", false);
        List<GroupSpec> groups = new ArrayList<>();
        if (array == null) {
            return groups;
        }
        if (!vmGroups && !array.isEmpty()) {
            throw root.error("groups", "this pool's XAPI has no VM groups (options.vmGroups is false)");
        }
        Set<String> vmNames = new HashSet<>();
        vms.forEach(vm -> vmNames.add(vm.name()));
        Set<String> names = new HashSet<>();
        Map<String, String> groupOfVm = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            JsonFields group = new JsonFields(root.source(), "groups[" + i + "]", array.get(i));
            String name = group.requiredName("name");
            if (!names.add(name)) {
                throw group.error("name", "duplicate group name \"" + name + "\"");
            }
            String placement = group.optionalString("placement", "normal");
            if (!placement.equals("anti_affinity") && !placement.equals("normal")) {
                throw group.error("placement", "must be \"anti_affinity\" or \"normal\", not \"" + placement + "\"");
            }
            List<String> members = group.stringList("members");
            for (String member : members) {
                if (!vmNames.contains(member)) {
                    throw group.error("members", "no VM \"" + member + "\"");
                }
                String other = groupOfVm.putIfAbsent(member, name);
                if (other != null) {
                    throw group.error("members", "VM \"" + member + "\" is already in group \"" + other
                            + "\" (XAPI allows one group per VM)");
                }
            }
            String uuid = reader.groupUuid(group, poolName, name);
            groups.add(new GroupSpec(name, uuid, group.optionalString("description", ""), placement, members));
            group.rejectUnknown();
        }
        return groups;
    }
}
