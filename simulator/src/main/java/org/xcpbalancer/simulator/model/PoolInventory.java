package org.xcpbalancer.simulator.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool's objects and their lookups by uuid and by name. Fixed once built: objects change their own fields,
 * never the set. A new kind of fixed model object gets its list and lookups here; VM groups, which come and go,
 * live in {@link PlacementModel}.
 */
final class PoolInventory {
    private final List<SimHost> hosts;
    private final List<SimVm> vms;
    private final Map<String, SimHost> hostsByUuid = new HashMap<>();
    private final Map<String, SimVm> vmsByUuid = new HashMap<>();
    private final Map<String, SimHost> hostsByName = new HashMap<>();
    private final Map<String, SimVm> vmsByName = new HashMap<>();

    PoolInventory(List<SimHost> hosts, List<SimVm> vms) {
        this.hosts = List.copyOf(hosts);
        this.vms = List.copyOf(vms);
        this.hosts.forEach(h -> {
            hostsByUuid.put(h.uuid(), h);
            hostsByName.put(h.name(), h);
        });
        this.vms.forEach(v -> {
            vmsByUuid.put(v.uuid(), v);
            vmsByName.putIfAbsent(v.name(), v);
        });
    }

    List<SimHost> hosts() {
        return hosts;
    }

    List<SimVm> vms() {
        return vms;
    }

    SimHost master() {
        return hosts.stream().filter(SimHost::isMaster).findFirst().orElseThrow();
    }

    SimHost host(String uuid) {
        return uuid == null ? null : hostsByUuid.get(uuid);
    }

    SimVm vm(String uuid) {
        return uuid == null ? null : vmsByUuid.get(uuid);
    }

    SimHost hostByName(String name) {
        return hostsByName.get(name);
    }

    SimVm vmByName(String name) {
        return vmsByName.get(name);
    }
}
