package org.xcpbalancer.simulator.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.xcpbalancer.simulator.scenario.LoadProfile;

/**
 * A simulated host: identity and configuration, plus state (enabled, live) that only {@link PoolModel} changes.
 * Uuids of its dependent XAPI objects (host_metrics, host_cpu) are derived from its uuid, so they are stable.
 */
public final class SimHost {
    private final String uuid;
    private final String name;
    private final String description;
    private final String address;
    private final int cpuCount;
    private final long memoryTotalBytes;
    private final boolean master;
    private volatile List<String> tags;
    private final Map<String, String> otherConfig;
    private final LoadProfile controlDomainCpu;
    private final long controlDomainMemoryBytes;
    private final String metricsUuid;
    private final List<String> cpuUuids;
    private SimVm controlDomain;
    private volatile boolean enabled;
    private volatile boolean live = true;
    private volatile HostPower power = HostPower.RUNNING;
    private volatile boolean partitioned;
    private volatile Instant unreachableSince;
    private volatile String powerOnMode = "";
    private volatile Map<String, String> powerOnConfig = Map.of();
    private volatile double idleWatts;
    private volatile double maxWatts;

    SimHost(String uuid, String name, String description, String address, int cpuCount, long memoryTotalBytes,
            boolean master, boolean enabled, List<String> tags, Map<String, String> otherConfig,
            LoadProfile controlDomainCpu, long controlDomainMemoryBytes) {
        this.uuid = uuid;
        this.name = name;
        this.description = description;
        this.address = address;
        this.cpuCount = cpuCount;
        this.memoryTotalBytes = memoryTotalBytes;
        this.master = master;
        this.enabled = enabled;
        this.tags = List.copyOf(tags);
        this.otherConfig = Map.copyOf(otherConfig);
        this.controlDomainCpu = controlDomainCpu;
        this.controlDomainMemoryBytes = controlDomainMemoryBytes;
        this.metricsUuid = derived(uuid, "host_metrics");
        List<String> cpus = new ArrayList<>();
        for (int i = 0; i < cpuCount; i++) {
            cpus.add(derived(uuid, "host_cpu/" + i));
        }
        this.cpuUuids = List.copyOf(cpus);
    }

    static String derived(String ownerUuid, String kind) {
        return UUID.nameUUIDFromBytes((ownerUuid + "/" + kind).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public String uuid() { return uuid; }
    /** name_label */
    public String name() { return name; }
    /** name_description */
    public String description() { return description; }
    /** host.address: the loopback address this host answers on. */
    public String address() { return address; }
    /** The host's hostname (its name, lower case, spaces as dashes). */
    public String hostname() { return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-"); }
    public int cpuCount() { return cpuCount; }
    public long memoryTotalBytes() { return memoryTotalBytes; }
    public boolean isMaster() { return master; }
    public boolean enabled() { return enabled; }
    /**
     * host_metrics.live as the master records it: false once it noticed the host died, was partitioned away or was
     * shut down; true again when the host is back.
     */
    public boolean live() { return live; }
    /** Whether the machine is powered on and running (or booting, or shutting down). */
    public HostPower power() { return power; }
    /** The machine runs and serves its address (running or shutting down; not booting, off or crashed). */
    public boolean up() { return power == HostPower.RUNNING || power == HostPower.SHUTTING_DOWN; }
    /** Cut off from the master only: it runs, but the master cannot reach it. */
    public boolean partitioned() { return partitioned; }
    /** The master can reach it: it is up and not partitioned. Calls forwarded to it need this. */
    public boolean reachable() { return up() && !partitioned; }
    /** Since when the master cannot reach it (died, partitioned, shut down); null while reachable. */
    public Instant unreachableSince() { return unreachableSince; }
    /** host.power_on_mode: "" (disabled), "wake-on-lan", "iLO", "DRAC", "IPMI" or a custom plugin's name. */
    public String powerOnMode() { return powerOnMode; }
    public Map<String, String> powerOnConfig() { return powerOnConfig; }
    /** Power drawn while on and idle, and at full CPU load (linear in between). */
    public double idleWatts() { return idleWatts; }
    public double maxWatts() { return maxWatts; }
    public SimVm controlDomain() { return controlDomain; }
    public List<String> tags() { return tags; }
    public Map<String, String> otherConfig() { return otherConfig; }
    /** uuid of its host_metrics object. */
    public String metricsUuid() { return metricsUuid; }
    /** uuids of its host_cpu objects, one per core, in core order. */
    public List<String> cpuUuids() { return cpuUuids; }
    public LoadProfile controlDomainCpu() { return controlDomainCpu; }
    public long controlDomainMemoryBytes() { return controlDomainMemoryBytes; }

    void setControlDomain(SimVm vm) { this.controlDomain = vm; }
    void setEnabled(boolean enabled) { this.enabled = enabled; }
    void setLive(boolean live) { this.live = live; }
    void setPower(HostPower power) { this.power = power; }
    void setPartitioned(boolean partitioned) { this.partitioned = partitioned; }
    void setUnreachableSince(Instant since) { this.unreachableSince = since; }
    void setPowerOn(String mode, Map<String, String> config) {
        this.powerOnMode = mode;
        this.powerOnConfig = Map.copyOf(config);
    }
    void setWatts(double idle, double max) {
        this.idleWatts = idle;
        this.maxWatts = max;
    }
    void setTags(List<String> tags) { this.tags = List.copyOf(tags); }

    @Override
    public String toString() {
        return "SimHost[" + name + " " + uuid + "]";
    }
}
