package org.xcpbalancer.simulator.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.simulator.scenario.LoadProfile;
import org.xcpbalancer.simulator.scenario.PowerState;

/**
 * A simulated VM record: a guest, a control domain, a template or a snapshot. Identity and configuration are
 * fixed; power state, residence, domid and CPU demand change only through {@link PoolModel}.
 */
public final class SimVm {
    /** What kind of VM object this is; exactly one of the is_* flags of XAPI's VM record. */
    public enum Kind { GUEST, CONTROL_DOMAIN, TEMPLATE, SNAPSHOT }

    private final String uuid;
    private final String name;
    private final String description;
    private final Kind kind;
    private final int vcpus;
    private final long memoryBytes;
    private final SimVm snapshotOf;
    private volatile List<String> tags;
    private final Map<String, String> otherConfig;
    private final long memoryInternalFreeBytes;
    private final double vifRxBytesPerSec;
    private final double vifTxBytesPerSec;
    private final double diskReadBytesPerSec;
    private final double diskWriteBytesPerSec;
    private final String metricsUuid;
    private final String guestMetricsUuid;
    private volatile PowerState powerState;
    private volatile SimHost residentOn;
    private volatile long domid;
    private volatile LoadProfile cpu;
    private volatile String passthrough;
    private volatile SimHost affinity;
    private volatile String haRestartPriority = "";
    private volatile List<String> groupUuids = List.of();
    private volatile String heldOperation;
    private volatile long order;
    private volatile long startDelaySeconds;
    private volatile Instant agentStoppedAt;
    private volatile Instant startedAt;
    private volatile Instant pausedAt;

    SimVm(String uuid, String name, String description, Kind kind, int vcpus, long memoryBytes, SimVm snapshotOf,
            List<String> tags, Map<String, String> otherConfig, long memoryInternalFreeBytes,
            double vifRxBytesPerSec, double vifTxBytesPerSec, double diskReadBytesPerSec,
            double diskWriteBytesPerSec, PowerState powerState, SimHost residentOn, long domid, LoadProfile cpu) {
        this.uuid = uuid;
        this.name = name;
        this.description = description;
        this.kind = kind;
        this.vcpus = vcpus;
        this.memoryBytes = memoryBytes;
        this.snapshotOf = snapshotOf;
        this.tags = List.copyOf(tags);
        this.otherConfig = Map.copyOf(otherConfig);
        this.memoryInternalFreeBytes = memoryInternalFreeBytes;
        this.vifRxBytesPerSec = vifRxBytesPerSec;
        this.vifTxBytesPerSec = vifTxBytesPerSec;
        this.diskReadBytesPerSec = diskReadBytesPerSec;
        this.diskWriteBytesPerSec = diskWriteBytesPerSec;
        this.powerState = powerState;
        this.residentOn = residentOn;
        this.domid = domid;
        this.cpu = cpu;
        this.metricsUuid = SimHost.derived(uuid, "VM_metrics");
        this.guestMetricsUuid = SimHost.derived(uuid, "VM_guest_metrics");
    }

    public String uuid() { return uuid; }
    /** name_label */
    public String name() { return name; }
    /** name_description */
    public String description() { return description; }
    public Kind kind() { return kind; }
    public boolean isControlDomain() { return kind == Kind.CONTROL_DOMAIN; }
    public boolean isTemplate() { return kind == Kind.TEMPLATE; }
    public boolean isSnapshot() { return kind == Kind.SNAPSHOT; }
    /** A guest VM (not a control domain, template or snapshot). */
    public boolean isGuest() { return kind == Kind.GUEST; }
    /** VCPUs_max and VCPUs_at_startup. */
    public int vcpus() { return vcpus; }
    /**
     * The VM's memory. The simulator gives every VM memory_static_min = memory_dynamic_min = memory_dynamic_max =
     * memory_static_max = memory_target = this (no ballooning), which is how most pools run.
     */
    public long memoryBytes() { return memoryBytes; }
    public long memoryStaticMinBytes() { return memoryBytes; }
    public long memoryStaticMaxBytes() { return memoryBytes; }
    public long memoryDynamicMinBytes() { return memoryBytes; }
    public long memoryDynamicMaxBytes() { return memoryBytes; }
    public long memoryTargetBytes() { return memoryBytes; }
    /** For snapshots: the VM it was taken of; null otherwise. */
    public SimVm snapshotOf() { return snapshotOf; }
    public List<String> tags() { return tags; }
    public Map<String, String> otherConfig() { return otherConfig; }
    public long memoryInternalFreeBytes() { return memoryInternalFreeBytes; }
    public double vifRxBytesPerSec() { return vifRxBytesPerSec; }
    public double vifTxBytesPerSec() { return vifTxBytesPerSec; }
    public double diskReadBytesPerSec() { return diskReadBytesPerSec; }
    public double diskWriteBytesPerSec() { return diskWriteBytesPerSec; }
    /** uuid of its VM_metrics object. */
    public String metricsUuid() { return metricsUuid; }
    /** uuid of its VM_guest_metrics object (guests only; templates, snapshots and dom0 have none in XAPI). */
    public String guestMetricsUuid() { return guestMetricsUuid; }
    public PowerState powerState() { return powerState; }
    /** The host it runs on, or null when not running. */
    public SimHost residentOn() { return residentOn; }
    /** Xen domain id: 0 for control domains, -1 when not running. */
    public long domid() { return domid; }
    /** The demanded utilisation per vCPU over time (0..1). */
    public LoadProfile cpuProfile() { return cpu; }
    /** null, "pci" (a PCI device passed through: attached_PCIs) or "vgpu" (a non-migratable vGPU: VGPUs). */
    public String passthrough() { return passthrough; }
    /** VM.affinity, the host it prefers to start on; null for none. */
    public SimHost affinity() { return affinity; }
    /** VM.ha_restart_priority: "restart", "best-effort" or "". */
    public String haRestartPriority() { return haRestartPriority; }
    /** VM.ha_always_run as xapi keeps it: true while a VM with priority "restart" runs or is paused. */
    public boolean haAlwaysRun() {
        return "restart".equals(haRestartPriority) && hasDomain();
    }
    /** Running or Paused: it has a domain on its host (a paused domain holds its memory there). */
    public boolean hasDomain() { return powerState == PowerState.RUNNING || powerState == PowerState.PAUSED; }
    /** uuids of its VM groups (VM.groups; xapi allows at most one). */
    public List<String> groupUuids() { return groupUuids; }
    /** An operation held on the VM by the scenario or the admin API (shown in current_operations), or null. */
    public String heldOperation() { return heldOperation; }

    /** VM.order (HA restart order). */
    public long order() { return order; }
    /** VM.start_delay in seconds. */
    public long startDelaySeconds() { return startDelaySeconds; }
    /** When its guest agent stopped reporting (the VM hung), null while it reports or the VM is not running. */
    public Instant agentStoppedAt() { return agentStoppedAt; }
    /** When it last started (VM_metrics.start_time); null for VMs running since the scenario began. */
    public Instant startedAt() { return startedAt; }
    /** When its domain was paused; null unless Paused. */
    public Instant pausedAt() { return pausedAt; }

    void setOrder(long order, long startDelaySeconds) {
        this.order = order;
        this.startDelaySeconds = startDelaySeconds;
    }
    void setAgentStoppedAt(Instant at) { this.agentStoppedAt = at; }
    void setStartedAt(Instant at) { this.startedAt = at; }
    void setPausedAt(Instant at) { this.pausedAt = at; }

    void setResidentOn(SimHost host, long domid) {
        this.residentOn = host;
        this.domid = domid;
    }

    void setPowerState(PowerState state) { this.powerState = state; }
    void setCpu(LoadProfile cpu) { this.cpu = cpu; }
    void setTags(List<String> tags) { this.tags = List.copyOf(tags); }
    void setPassthrough(String passthrough) { this.passthrough = passthrough; }
    void setAffinity(SimHost host) { this.affinity = host; }
    void setHaRestartPriority(String priority) { this.haRestartPriority = priority; }
    void setGroupUuids(List<String> uuids) { this.groupUuids = List.copyOf(uuids); }
    void setHeldOperation(String operation) { this.heldOperation = operation; }

    @Override
    public String toString() {
        return "SimVm[" + name + " " + uuid + "]";
    }
}
