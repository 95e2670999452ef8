package org.xcpbalancer.simulator.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and validates scenario files (docs/simulator-scenarios.md). Every problem is reported as a
 * {@link ScenarioException} whose message is one line naming the file and the field.
 */
public final class ScenarioLoader {
    /** Templates every simulated pool offers unless the scenario lists its own. */
    public static final List<String> DEFAULT_TEMPLATES = List.of(
            "Debian Bookworm 12", "Ubuntu Jammy Jellyfish 22.04", "Windows Server 2022 (64-bit)",
            "Other install media");
    /** Classpath folder of the scenarios shipped with the simulator. */
    public static final String BUILTIN_FOLDER = "scenarios/";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ScenarioLoader() {
    }

    /** Loads a scenario file; messages name the file by its file name. */
    public static Scenario load(Path file) throws ScenarioException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ScenarioException(file.toString(), "", "no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ScenarioException(file.toString(), "", "cannot be read: " + e.getMessage());
        }
        return parse(text, name);
    }

    /** Loads one of the scenarios shipped on the classpath, e.g. "paper-unbalanced" or "paper-unbalanced.json". */
    public static Scenario builtin(String name) throws ScenarioException {
        String fileName = name.endsWith(".json") ? name : name + ".json";
        ClassLoader loader = ScenarioLoader.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(BUILTIN_FOLDER + fileName)) {
            if (in == null) {
                throw new ScenarioException(fileName, "", "no built-in scenario of that name");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), fileName);
        } catch (IOException e) {
            throw new ScenarioException(fileName, "", "cannot be read: " + e.getMessage());
        }
    }

    /** Parses scenario JSON; {@code sourceName} is used in messages. */
    public static Scenario parse(String json, String sourceName) throws ScenarioException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String problem = e.getOriginalMessage();
            int detail = problem.indexOf(" (for ");
            if (detail > 0) {
                problem = problem.substring(0, detail);
            }
            if (problem.startsWith("Trailing token")) {
                problem = "more content after the end of the scenario object";
            }
            throw new ScenarioException(sourceName, where, "invalid JSON: " + problem);
        }
        if (root == null || root.isMissingNode()) {
            throw new ScenarioException(sourceName, "", "empty file");
        }
        return new ScenarioReader(sourceName).read(new JsonFields(sourceName, "", root));
    }

    /** The uuid a scenario object gets when the file gives none: a name-based (v3) UUID of pool, kind and name. */
    public static String derivedUuid(String poolName, String kind, String name) {
        return UUID.nameUUIDFromBytes(("xcp-sim/" + poolName + "/" + kind + "/" + name)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** One pass over one file; keeps the names and uuids seen so far to report duplicates. */
    private static final class ScenarioReader {
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
            root.rejectUnknown();
            return new Scenario(source, poolName, poolUuid, hosts, vms, templates, snapshots, options);
        }

        private String uuid(JsonFields fields, String field, String poolName, String kind, String name)
                throws ScenarioException {
            String uuid;
            if (fields.has(field)) {
                uuid = fields.requiredString(field).toLowerCase(java.util.Locale.ROOT);
                try {
                    if (!UUID.fromString(uuid).toString().equals(uuid)) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw fields.error(field, "not a UUID: \"" + uuid + "\"");
                }
            } else {
                uuid = derivedUuid(poolName, kind, name);
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
                return DEFAULT_TEMPLATES;
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
                    snapshots.add(new SnapshotSpec(name, derivedUuid(poolName, "snapshot", name), first.name()));
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
                    java.time.Duration.ofMillis(Math.round(1000 * options.optionalDouble("postMigrationNoiseSeconds",
                            0, 86_400, ScenarioOptions.POST_MIGRATION_NOISE_DEFAULT.toSeconds()))),
                    options.optionalDouble("postMigrationNoiseAmplitude", 0, 1,
                            ScenarioOptions.POST_MIGRATION_NOISE_AMPLITUDE_DEFAULT),
                    options.optionalLong("hypervisorOverheadMb", 0, 65_536, ScenarioOptions.HYPERVISOR_OVERHEAD_MB_DEFAULT));
            options.rejectUnknown();
            return result;
        }

        String hostUuid(JsonFields host, String poolName, String name) throws ScenarioException {
            return uuid(host, "uuid", poolName, "host", name);
        }

        String vmUuid(JsonFields vm, String poolName, String name) throws ScenarioException {
            return uuid(vm, "uuid", poolName, "vm", name);
        }
    }

    /** Reads one entry of "hosts". */
    private record HostReader(JsonFields host, String poolName, boolean master, String defaultAddress) {
        HostSpec read(ScenarioReader reader) throws ScenarioException {
            String name = host.requiredName("name");
            String uuid = reader.hostUuid(host, poolName, name);
            int cpus = (int) host.requiredLong("cpus", 1, 1024);
            long memoryMb = host.requiredLong("memoryMb", 1, 64L * 1024 * 1024);
            host.optionalBoolean("master", false);
            String address = host.optionalString("address", defaultAddress);
            if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                    || java.util.Arrays.stream(address.split("\\.")).anyMatch(p -> Integer.parseInt(p) > 255)) {
                throw host.error("address", "not an IPv4 address: \"" + address + "\"");
            }
            int dom0Vcpus = (int) host.optionalLong("controlDomainVcpus", 1, 1024,
                    Math.min(cpus, HostDefaults.CONTROL_DOMAIN_VCPUS_MAX));
            LoadProfile dom0Cpu = host.has("controlDomainCpu")
                    ? LoadProfiles.read(host, "controlDomainCpu", poolName + "/dom0/" + name)
                    : LoadProfile.constant(HostDefaults.CONTROL_DOMAIN_CPU_PER_VCPU);
            long dom0MemoryMb = host.optionalLong("controlDomainMemoryMb", 1, 64L * 1024 * 1024,
                    Math.min(HostDefaults.CONTROL_DOMAIN_MEMORY_MB, memoryMb / 2));
            if (dom0MemoryMb >= memoryMb) {
                throw host.error("controlDomainMemoryMb", dom0MemoryMb + " MB leaves nothing of the host's "
                        + memoryMb + " MB");
            }
            HostSpec spec = new HostSpec(name, uuid, host.optionalString("description", "Simulated host " + name),
                    cpus, memoryMb, master, host.optionalBoolean("enabled", true), address, dom0Vcpus, dom0Cpu,
                    dom0MemoryMb, host.stringList("tags"), host.stringMap("other_config"));
            host.rejectUnknown();
            return spec;
        }
    }

    /** Reads one entry of "vms". */
    private record VmReader(JsonFields vm, String poolName, Map<String, HostSpec> hosts) {
        VmSpec read(ScenarioReader reader) throws ScenarioException {
            String name = vm.requiredName("name");
            String uuid = reader.vmUuid(vm, poolName, name);
            org.xcpbalancer.simulator.model.PowerState powerState = powerState();
            String hostName = vm.optionalString("host", null);
            HostSpec host = null;
            if (powerState == org.xcpbalancer.simulator.model.PowerState.HALTED) {
                if (hostName != null) {
                    throw vm.error("host", "a Halted VM has no host (remove \"host\" or make it Running)");
                }
            } else {
                if (hostName == null) {
                    throw vm.error("host", "missing (a Running VM needs a host; use \"powerState\": \"Halted\" for none)");
                }
                host = hosts.get(hostName);
                if (host == null) {
                    throw vm.error("host", "no host \"" + hostName + "\"");
                }
            }
            int vcpus = (int) vm.requiredLong("vcpus", 1, 256);
            long memoryMb = vm.requiredLong("memoryMb", 1, 64L * 1024 * 1024);
            if (host != null && memoryMb > host.memoryMb()) {
                throw vm.error("memoryMb", memoryMb + " MB exceeds its host \"" + host.name() + "\" ("
                        + host.memoryMb() + " MB)");
            }
            LoadProfile cpu = vm.has("cpu") ? LoadProfiles.read(vm, "cpu", poolName + "/vm/" + name)
                    : LoadProfile.constant(VmDefaults.CPU);
            long internalFreeMb = vm.optionalLong("memoryInternalFreeMb", 0, memoryMb,
                    Math.round(memoryMb * VmDefaults.MEMORY_INTERNAL_FREE_SHARE));
            VmSpec spec = new VmSpec(name, uuid, vm.optionalString("description", ""), host == null ? null : host.name(),
                    powerState, vcpus, memoryMb, cpu, internalFreeMb,
                    vm.optionalDouble("vifRxKbps", 0, 100_000_000, VmDefaults.VIF_RX_KBPS),
                    vm.optionalDouble("vifTxKbps", 0, 100_000_000, VmDefaults.VIF_TX_KBPS),
                    vm.optionalDouble("diskReadKbps", 0, 100_000_000, VmDefaults.DISK_READ_KBPS),
                    vm.optionalDouble("diskWriteKbps", 0, 100_000_000, VmDefaults.DISK_WRITE_KBPS),
                    vm.stringList("tags"), vm.stringMap("other_config"));
            vm.rejectUnknown();
            return spec;
        }

        private org.xcpbalancer.simulator.model.PowerState powerState() throws ScenarioException {
            String value = vm.optionalString("powerState", "Running");
            return switch (value) {
                case "Running" -> org.xcpbalancer.simulator.model.PowerState.RUNNING;
                case "Halted" -> org.xcpbalancer.simulator.model.PowerState.HALTED;
                default -> throw vm.error("powerState", "must be \"Running\" or \"Halted\", not \"" + value + "\"");
            };
        }
    }
}
