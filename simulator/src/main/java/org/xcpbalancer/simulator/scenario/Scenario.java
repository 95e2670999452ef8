package org.xcpbalancer.simulator.scenario;

import java.util.List;
import java.util.Optional;

/**
 * A validated pool description, as read from a scenario file (see docs/simulator-scenarios.md). Every optional
 * field already holds its default; uuids are filled in (derived from names when the file has none).
 *
 * @param sourceName the file name used in messages, e.g. "pool.json"
 * @param templates  names of the templates the pool offers (is_a_template VMs)
 * @param snapshots  snapshots of guests; never empty (one is generated if the file declares none and a guest exists)
 * @param placement  VM groups, HA settings and rolling upgrade
 */
public record Scenario(
        String sourceName,
        String poolName,
        String poolUuid,
        List<HostSpec> hosts,
        List<VmSpec> vms,
        List<String> templates,
        List<SnapshotSpec> snapshots,
        ScenarioOptions options,
        PoolPlacementSpec placement) {

    public Scenario {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        templates = List.copyOf(templates);
        snapshots = List.copyOf(snapshots);
    }

    public HostSpec master() {
        return hosts.stream().filter(HostSpec::master).findFirst().orElseThrow();
    }

    public Optional<HostSpec> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    public Optional<VmSpec> vm(String name) {
        return vms.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
