package org.xcpbalancer.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** One pass over one file; keeps the names and uuids seen so far to report duplicates. */
final class ScenarioReader {
    private final String source;
    private final Set<String> uuids = new HashSet<>();

    ScenarioReader(String source) {
        this.source = source;
    }

    Scenario read(JsonFields root) throws ScenarioException {
        String poolName = root.requiredName("pool");
        String poolUuid = uuid(root, "poolUuid", poolName, "pool", poolName);
        List<HostSpec> hosts = hosts(root, poolName);
        List<VmSpec> vms = vms(root, poolName, hosts);
        List<String> templates = templates(root);
        List<SnapshotSpec> snapshots = snapshots(root, poolName, vms);
        ScenarioOptions options = options(root);
        PoolPlacementSpec placement = new PoolPlacementReader(root, poolName, hosts, vms, options.vmGroups())
                .read(this);
        root.rejectUnknown();
        return new Scenario(source, poolName, poolUuid, hosts, vms, templates, snapshots, options, placement);
    }

    private String uuid(JsonFields fields, String field, String poolName, String kind, String name)
            throws ScenarioException {
        String uuid;
        if (fields.has(field)) {
            uuid = fields.requiredString(field).toLowerCase(Locale.ROOT);
            try {
                if (!UUID.fromString(uuid).toString().equals(uuid)) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw fields.error(field, "not a UUID: \"" + uuid + "\"");
            }
        } else {
            uuid = ScenarioLoader.derivedUuid(poolName, kind, name);
        }
        if (!uuids.add(uuid)) {
            throw fields.error(field, "duplicate uuid " + uuid);
        }
        return uuid;
    }

    private List<HostSpec> hosts(JsonFields root, String poolName) throws ScenarioException {
        JsonNode array = root.array("hosts", true);
        if (array.isEmpty()) {
            throw root.error("hosts", "a pool needs at least one host");
        }
        List<JsonFields> entries = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            entries.add(new JsonFields(source, "hosts[" + i + "]", array.get(i)));
        }
        int masterIndex = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).optionalBoolean("master", false)) {
                if (masterIndex >= 0) {
                    throw entries.get(i).error("master", "a pool has exactly one master, and hosts["
                            + masterIndex + "] is already master");
                }
                masterIndex = i;
            }
        }
        if (masterIndex < 0) {
            throw new ScenarioException(source, "hosts", "no host has \"master\": true; a pool has exactly one master");
        }
        List<HostSpec> hosts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        int nextSlaveAddress = 2;
        for (int i = 0; i < entries.size(); i++) {
            JsonFields host = entries.get(i);
            boolean master = i == masterIndex;
            String defaultAddress = master ? "127.0.0.1" : "127.0.0." + nextSlaveAddress;
            if (!master) {
                nextSlaveAddress++;
            }
            String name = host.requiredName("name");
            if (!names.add(name)) {
                throw host.error("name", "duplicate host name \"" + name + "\"");
            }
            HostSpec spec = new HostReader(host, poolName, master, defaultAddress).read(this);
            if (!addresses.add(spec.address())) {
                throw host.error("address", "duplicate address " + spec.address());
            }
            hosts.add(spec);
        }
        return hosts;
    }

    private List<VmSpec> vms(JsonFields root, String poolName, List<HostSpec> hosts) throws ScenarioException {
        JsonNode array = root.array("vms", false);
        if (array == null) {
            return List.of();
        }
        Map<String, HostSpec> hostsByName = new HashMap<>();
        Map<String, Long> freeMb = new HashMap<>();
        for (HostSpec host : hosts) {
            hostsByName.put(host.name(), host);
            freeMb.put(host.name(), host.memoryMb() - host.controlDomainMemoryMb());
        }
        List<VmSpec> vms = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonFields vm = new JsonFields(source, "vms[" + i + "]", array.get(i));
            String name = vm.requiredName("name");
            if (!names.add(name)) {
                throw vm.error("name", "duplicate VM name \"" + name + "\"");
            }
            VmSpec spec = new VmReader(vm, poolName, hostsByName).read(this);
            if (spec.host() != null) {
                long free = freeMb.get(spec.host());
                if (spec.memoryMb() > free) {
                    throw vm.error("memoryMb", spec.memoryMb() + " MB does not fit on host \"" + spec.host()
                            + "\", which has " + Math.max(0, free) + " MB left for guests");
                }
                freeMb.put(spec.host(), free - spec.memoryMb());
            }
            vms.add(spec);
        }
        return vms;
    }

    private List<String> templates(JsonFields root) throws ScenarioException {
        if (!root.has("templates")) {
            return ScenarioLoader.DEFAULT_TEMPLATES;
        }
        List<String> templates = root.stringList("templates");
        if (templates.isEmpty()) {
            throw root.error("templates", "must not be empty (a pool always offers templates)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < templates.size(); i++) {
            if (templates.get(i).isBlank() || !seen.add(templates.get(i))) {
                throw new ScenarioException(source, "templates[" + i + "]", "empty or duplicate template name");
            }
        }
        return templates;
    }

    private List<SnapshotSpec> snapshots(JsonFields root, String poolName, List<VmSpec> vms)
            throws ScenarioException {
        Set<String> vmNames = new HashSet<>();
        vms.forEach(vm -> vmNames.add(vm.name()));
        JsonNode array = root.array("snapshots", false);
        List<SnapshotSpec> snapshots = new ArrayList<>();
        if (array == null || array.isEmpty()) {
            if (!vms.isEmpty()) {
                VmSpec first = vms.get(0);
                String name = first.name() + " snapshot";
                snapshots.add(new SnapshotSpec(name, ScenarioLoader.derivedUuid(poolName, "snapshot", name), first.name()));
            }
            return snapshots;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonFields snapshot = new JsonFields(source, "snapshots[" + i + "]", array.get(i));
            String name = snapshot.requiredName("name");
            String of = snapshot.requiredName("of");
            if (!vmNames.contains(of)) {
                throw snapshot.error("of", "no VM \"" + of + "\"");
            }
            if (!names.add(name) || vmNames.contains(name)) {
                throw snapshot.error("name", "duplicate name \"" + name + "\"");
            }
            String uuid = uuid(snapshot, "uuid", poolName, "snapshot", name);
            snapshot.rejectUnknown();
            snapshots.add(new SnapshotSpec(name, uuid, of));
        }
        return snapshots;
    }

    private ScenarioOptions options(JsonFields root) throws ScenarioException {
        if (!root.has("options")) {
            return ScenarioOptions.defaults();
        }
        JsonFields options = new JsonFields(source, "options", root.raw("options"));
        ScenarioOptions result = new ScenarioOptions(
                options.optionalDouble("migrationBandwidthMbPerSec", 0.001, 100_000,
                        ScenarioOptions.MIGRATION_BANDWIDTH_MB_PER_SEC_DEFAULT),
                options.optionalDouble("migrationFailureRate", 0, 1, ScenarioOptions.MIGRATION_FAILURE_RATE_DEFAULT),
                Duration.ofMillis(Math.round(1000 * options.optionalDouble("postMigrationNoiseSeconds",
                        0, 86_400, ScenarioOptions.POST_MIGRATION_NOISE_DEFAULT.toSeconds()))),
                options.optionalDouble("postMigrationNoiseAmplitude", 0, 1,
                        ScenarioOptions.POST_MIGRATION_NOISE_AMPLITUDE_DEFAULT),
                options.optionalLong("hypervisorOverheadMb", 0, 65_536, ScenarioOptions.HYPERVISOR_OVERHEAD_MB_DEFAULT),
                options.optionalBoolean("vmGroups", true),
                seconds(options, "hostBootSeconds", ScenarioOptions.HOST_BOOT_TIME_DEFAULT),
                seconds(options, "hostShutdownSeconds", ScenarioOptions.HOST_SHUTDOWN_TIME_DEFAULT),
                seconds(options, "hostLivenessTimeoutSeconds", ScenarioOptions.HOST_LIVENESS_TIMEOUT_DEFAULT));
        options.rejectUnknown();
        return result;
    }

    String hostUuid(JsonFields host, String poolName, String name) throws ScenarioException {
        return uuid(host, "uuid", poolName, "host", name);
    }

    String vmUuid(JsonFields vm, String poolName, String name) throws ScenarioException {
        return uuid(vm, "uuid", poolName, "vm", name);
    }

    String groupUuid(JsonFields group, String poolName, String name) throws ScenarioException {
        return uuid(group, "uuid", poolName, "vm_group", name);
    }

    private static Duration seconds(JsonFields options, String field, Duration fallback) throws ScenarioException {
        return Duration.ofMillis(Math.round(1000 * options.optionalDouble(field, 0, 86_400,
                fallback.toMillis() / 1000.0)));
    }
}
