package org.xcpbalancer.core.state;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of one pool as last collected: its hosts and VMs (sorted by name), its XAPI VM groups,
 * its HA settings, and whether a rolling upgrade is in progress (pool.other_config rolling_upgrade_in_progress:
 * VMs on a host being upgraded are never planned).
 */
public record PoolState(PoolRef pool, List<HostState> hosts, List<VmState> vms, List<VmGroup> groups, PoolHa ha,
        boolean rollingUpgrade) {

    public PoolState {
        groups = groups.stream().sorted(Comparator.comparing(VmGroup::name, Comparator.nullsLast(String::compareTo))
                .thenComparing(VmGroup::uuid)).toList();
        ha = ha == null ? PoolHa.DISABLED : ha;
        hosts = hosts.stream().sorted(Comparator.comparing(HostState::name, Comparator.nullsLast(String::compareTo))).toList();
        vms = vms.stream().sorted(Comparator.comparing(VmState::name, Comparator.nullsLast(String::compareTo))).toList();
    }

    public Optional<HostState> host(String uuid) {
        return hosts.stream().filter(h -> h.uuid().equals(uuid)).findFirst();
    }

    /** VMs resident on the host, control domain included. */
    public List<VmState> vmsOn(String hostUuid) {
        return vms.stream().filter(v -> hostUuid.equals(v.hostUuid())).toList();
    }

    /** A host by uuid, or by name (exact, then case-insensitive); empty when none or when the name is ambiguous. */
    public Optional<HostState> findHost(String nameOrUuid) {
        return find(hosts, nameOrUuid, HostState::uuid, HostState::name);
    }

    /** A VM by uuid, or by name (exact, then case-insensitive); empty when none or when the name is ambiguous. */
    public Optional<VmState> findVm(String nameOrUuid) {
        return find(vms, nameOrUuid, VmState::uuid, VmState::name);
    }

    public Optional<VmGroup> group(String uuid) {
        return groups.stream().filter(g -> g.uuid().equals(uuid)).findFirst();
    }

    public Map<String, HostState> hostsByUuid() {
        return hosts.stream().collect(Collectors.toUnmodifiableMap(HostState::uuid, Function.identity()));
    }

    private static <T> Optional<T> find(List<T> items, String key, Function<T, String> uuid, Function<T, String> name) {
        String wanted = key.trim();
        Optional<T> byUuid = items.stream().filter(i -> uuid.apply(i).equalsIgnoreCase(wanted)).findFirst();
        if (byUuid.isPresent()) {
            return byUuid;
        }
        List<T> exact = items.stream().filter(i -> wanted.equals(name.apply(i))).toList();
        if (exact.size() == 1) {
            return Optional.of(exact.get(0));
        }
        List<T> folded = items.stream().filter(i -> wanted.equalsIgnoreCase(name.apply(i))).toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }
}
