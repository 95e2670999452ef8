package org.xcpbalancer.simulator.xapi.records;

import static org.xcpbalancer.simulator.xapi.records.RecordValues.copyOf;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.emptyMap;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.emptySet;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.record;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.set;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.stringMap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.xapi.ObjectRefs;
import org.xcpbalancer.simulator.xapi.VmOperationsView;
import org.xcpbalancer.simulator.xapi.XapiClassNames;
import org.xcpbalancer.simulator.xapi.wire.XapiDateTime;

/**
 * VM, VM_metrics and VM_guest_metrics records with every field the 8.1 SDK reads: guests, control domains,
 * templates and snapshots, valued as on an XCP-ng 8.2 pool.
 */
public final class VmRecords {

    private final PoolModel model;
    private final ObjectRefs refs;
    private final VmOperationsView operations;
    private final Map<String, List<Object>> snapshotRefsByVm = new HashMap<>();
    private final Instant installTime;

    public VmRecords(PoolModel model, ObjectRefs refs, VmOperationsView operations) {
        this.model = model;
        this.refs = refs;
        this.operations = operations;
        this.installTime = model.start().minusSeconds(86_400L * 30);
        for (SimVm vm : model.vms()) {
            if (vm.isSnapshot() && vm.snapshotOf() != null) {
                snapshotRefsByVm.computeIfAbsent(vm.snapshotOf().uuid(), k -> new ArrayList<>())
                        .add(refs.ref(XapiClassNames.VM, vm.uuid()));
            }
        }
    }

    public Map<String, Object> vm(SimVm vm) {
        boolean template = vm.isTemplate() || vm.isSnapshot();
        boolean domain = vm.hasDomain(); // a Paused VM keeps its domain: domid, memory, devices
        SimHost residentOn = vm.residentOn();
        Map<String, String> currentOps = operations.currentOperations(vm.uuid());

        Map<String, Object> r = record(85);
        r.put("uuid", vm.uuid());
        r.put("allowed_operations", VmAllowedOperations.of(vm, !currentOps.isEmpty(),
                model.placement().rollingUpgrade()));
        r.put("current_operations", new LinkedHashMap<String, Object>(currentOps));
        r.put("power_state", vm.powerState().xapiName());
        r.put("name_label", vm.name());
        r.put("name_description", vm.description());
        r.put("user_version", 1L);
        r.put("is_a_template", template);
        r.put("is_default_template", vm.isTemplate());
        r.put("suspend_VDI", ObjectRefs.NULL_REF);
        r.put("resident_on", residentOn == null ? ObjectRefs.NULL_REF
                : refs.ref(XapiClassNames.HOST, residentOn.uuid()));
        r.put("affinity", vm.affinity() == null ? ObjectRefs.NULL_REF : refs.ref(XapiClassNames.HOST, vm.affinity().uuid()));
        r.put("memory_overhead", memoryOverheadBytes(vm));
        r.put("memory_target", domain ? vm.memoryTargetBytes() : 0L);
        r.put("memory_static_max", vm.memoryStaticMaxBytes());
        r.put("memory_dynamic_max", vm.memoryDynamicMaxBytes());
        r.put("memory_dynamic_min", vm.memoryDynamicMinBytes());
        r.put("memory_static_min", vm.memoryStaticMinBytes());
        r.put("VCPUs_params", emptyMap());
        r.put("VCPUs_max", (long) vm.vcpus());
        r.put("VCPUs_at_startup", (long) vm.vcpus());
        r.put("actions_after_shutdown", "destroy");
        r.put("actions_after_reboot", "restart");
        r.put("actions_after_crash", "restart");
        r.put("consoles", emptySet());
        r.put("VIFs", emptySet());
        r.put("VBDs", emptySet());
        r.put("VUSBs", emptySet());
        r.put("crash_dumps", emptySet());
        r.put("VTPMs", emptySet());
        r.put("PV_bootloader", "");
        r.put("PV_kernel", "");
        r.put("PV_ramdisk", "");
        r.put("PV_args", "");
        r.put("PV_bootloader_args", "");
        r.put("PV_legacy_args", "");
        r.put("HVM_boot_policy", vm.isControlDomain() ? "" : "BIOS order");
        r.put("HVM_boot_params", vm.isControlDomain() ? emptyMap() : stringMap("order", "cd"));
        r.put("HVM_shadow_multiplier", 1.0);
        r.put("platform", vm.isControlDomain() ? emptyMap() : stringMap("timeoffset", "0", "nx", "true",
                "acpi", "1", "apic", "true", "pae", "true", "viridian", "false", "device-model", "qemu-upstream-compat"));
        r.put("PCI_bus", "");
        r.put("other_config", otherConfig(vm));
        r.put("domid", domain ? vm.domid() : -1L);
        r.put("domarch", domain ? "x64" : "");
        r.put("last_boot_CPU_flags", domain ? stringMap("vendor", HostRecords.CPU_VENDOR, "features",
                HostRecords.CPU_FEATURES) : emptyMap());
        r.put("is_control_domain", vm.isControlDomain());
        r.put("metrics", refs.ref(XapiClassNames.VM_METRICS, vm.metricsUuid()));
        r.put("guest_metrics", hasGuestMetrics(vm) ? refs.ref(XapiClassNames.VM_GUEST_METRICS, vm.guestMetricsUuid())
                : ObjectRefs.NULL_REF);
        r.put("last_booted_record", "");
        r.put("recommendations", vm.isTemplate() ? "<restrictions><restriction field=\"memory-static-max\" "
                + "max=\"1649267441664\"/><restriction field=\"vcpus-max\" max=\"32\"/></restrictions>" : "");
        r.put("xenstore_data", emptyMap());
        r.put("ha_always_run", vm.haAlwaysRun());
        r.put("ha_restart_priority", vm.haRestartPriority());
        r.put("is_a_snapshot", vm.isSnapshot());
        r.put("snapshot_of", vm.snapshotOf() == null ? ObjectRefs.NULL_REF
                : refs.ref(XapiClassNames.VM, vm.snapshotOf().uuid()));
        r.put("snapshots", snapshotRefsByVm.getOrDefault(vm.uuid(), List.of()));
        r.put("snapshot_time", vm.isSnapshot() ? XapiDateTime.of(model.start().minusSeconds(3600))
                : XapiDateTime.EPOCH);
        r.put("transportable_snapshot_id", "");
        r.put("blobs", emptyMap());
        r.put("tags", new ArrayList<Object>(vm.tags()));
        r.put("blocked_operations", emptyMap());
        r.put("snapshot_info", emptyMap());
        r.put("snapshot_metadata", "");
        r.put("parent", ObjectRefs.NULL_REF);
        r.put("children", emptySet());
        r.put("bios_strings", vm.isControlDomain() ? emptyMap() : stringMap("bios-vendor", "Xen",
                "bios-version", "", "system-manufacturer", "Xen", "system-product-name", "HVM domU",
                "system-version", "", "system-serial-number", "", "hp-rombios", "", "oem-1", "Xen",
                "oem-2", "MS_VM_CERT/SHA1/bdbeb6e0a816d43fa6d3fe8aaef04c2bad9d3e3d"));
        r.put("protection_policy", ObjectRefs.NULL_REF);
        r.put("is_snapshot_from_vmpp", false);
        r.put("snapshot_schedule", ObjectRefs.NULL_REF);
        r.put("is_vmss_snapshot", false);
        r.put("appliance", ObjectRefs.NULL_REF);
        r.put("start_delay", vm.startDelaySeconds());
        r.put("shutdown_delay", 0L);
        r.put("order", vm.order());
        r.put("VGPUs", "vgpu".equals(vm.passthrough()) ? device(vm, "VGPU") : emptySet());
        r.put("attached_PCIs", "pci".equals(vm.passthrough()) && domain ? device(vm, "PCI") : emptySet());
        r.put("suspend_SR", ObjectRefs.NULL_REF);
        r.put("version", 0L);
        r.put("generation_id", vm.isControlDomain() ? "" : "0:0");
        r.put("hardware_platform_version", vm.isControlDomain() ? 0L : 2L);
        r.put("has_vendor_device", false);
        r.put("requires_reboot", false);
        r.put("reference_label", vm.isTemplate() ? templateLabel(vm) : "");
        r.put("domain_type", vm.isControlDomain() ? "pv" : "hvm");
        r.put("NVRAM", emptyMap());
        if (model.options().vmGroups()) {
            r.put("groups", groupRefs(vm));
        }
        return r;
    }

    /** The ref of the VM's one VGPU or PCI device; the simulator serves no objects of those classes. */
    private List<Object> device(SimVm vm, String xapiClass) {
        String uuid = UUID.nameUUIDFromBytes((vm.uuid() + "/" + xapiClass).getBytes(StandardCharsets.UTF_8)).toString();
        return new ArrayList<>(List.of(refs.ref(xapiClass, uuid)));
    }

    /** VM.groups (XAPI 24.x; the 8.1 SDK does not decode it). */
    private List<Object> groupRefs(SimVm vm) {
        List<Object> result = new ArrayList<>();
        vm.groupUuids().forEach(uuid -> result.add(refs.ref(XapiClassNames.VM_GROUP, uuid)));
        return result;
    }

    /** xapi drops a VM's guest metrics with its domain (halt), not when it is paused. */
    private static boolean hasGuestMetrics(SimVm vm) {
        return vm.isGuest() && vm.hasDomain();
    }

    /** xapi's estimate for shadow memory and the device model: about 1% of the VM's memory plus a few MiB. */
    private static long memoryOverheadBytes(SimVm vm) {
        long pages = vm.memoryBytes() / 4096;
        return ((pages / 128) + vm.vcpus() * 256L + 2048L) * 4096L;
    }

    private static Map<String, Object> otherConfig(SimVm vm) {
        Map<String, Object> config;
        if (vm.isControlDomain()) {
            config = stringMap("storage_driver_domain", "OpaqueRef:NULL", "is_system_domain", "true",
                    "perfmon", "<config><variable><name value=\"fs_usage\"/><alarm_trigger_level value=\"0.9\"/>"
                            + "</variable></config>");
        } else if (vm.isTemplate()) {
            config = stringMap("default_template", "true", "linux_template", "true",
                    "install-methods", "cdrom,nfs,http,ftp", "instant", "true");
        } else {
            config = stringMap("base_template_name", guessOs(vm.name()).templateName, "import_task",
                    "OpaqueRef:NULL", "mac_seed", vm.uuid(), "install-methods", "cdrom,nfs,http,ftp",
                    "linux_template", "true");
        }
        config.putAll(copyOf(vm.otherConfig()));
        return config;
    }

    private static String templateLabel(SimVm vm) {
        return vm.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    public Map<String, Object> vmMetrics(SimVm vm) {
        boolean domain = vm.hasDomain();
        Map<String, Object> r = record(16);
        r.put("uuid", vm.metricsUuid());
        r.put("memory_actual", domain ? vm.memoryBytes() : 0L);
        r.put("VCPUs_number", domain ? (long) vm.vcpus() : 0L);
        Map<String, Object> utilisation = new LinkedHashMap<>();
        Map<String, Object> vcpuToCpu = new LinkedHashMap<>();
        if (domain) {
            // xapi stopped filling VCPUs_utilisation ("disabled in favour of RRDs"): it reports zeros.
            for (int i = 0; i < vm.vcpus(); i++) {
                utilisation.put(Integer.toString(i), 0.0);
                vcpuToCpu.put(Integer.toString(i), (long) (i % Math.max(1, vm.residentOn().cpuCount())));
            }
        }
        r.put("VCPUs_utilisation", utilisation);
        r.put("VCPUs_CPU", vcpuToCpu);
        r.put("VCPUs_params", emptyMap());
        r.put("VCPUs_flags", emptyMap());
        r.put("state", vm.powerState() == PowerState.RUNNING ? set("running") : emptySet());
        Instant started = vm.startedAt() != null ? vm.startedAt() : model.start().minusSeconds(7200);
        r.put("start_time", domain ? XapiDateTime.of(started) : XapiDateTime.EPOCH);
        r.put("install_time", XapiDateTime.of(installTime));
        r.put("last_updated", XapiDateTime.of(model.clock().now()));
        r.put("other_config", emptyMap());
        r.put("hvm", !vm.isControlDomain());
        r.put("nested_virt", false);
        r.put("nomigrate", false);
        r.put("current_domain_type", domain ? (vm.isControlDomain() ? "pv" : "hvm") : "unspecified");
        return r;
    }

    public boolean hasGuestMetricsObject(SimVm vm) {
        return hasGuestMetrics(vm);
    }

    public Map<String, Object> vmGuestMetrics(SimVm vm) {
        GuestOs os = guessOs(vm.name());
        Map<String, Object> r = record(14);
        r.put("uuid", vm.guestMetricsUuid());
        r.put("os_version", stringMap("name", os.prettyName, "uname", os.kernel, "distro", os.distro,
                "major", os.major, "minor", os.minor));
        r.put("PV_drivers_version", stringMap("major", "7", "minor", "30", "micro", "0", "build", "0"));
        r.put("PV_drivers_up_to_date", true);
        r.put("memory", emptyMap());
        r.put("disks", emptyMap());
        int index = Math.abs(vm.uuid().hashCode() % 250) + 2;
        r.put("networks", stringMap("0/ip", "10.0." + (index / 250) + "." + index, "0/ipv4/0",
                "10.0." + (index / 250) + "." + index));
        r.put("other", stringMap("platform-feature-multiprocessor-suspend", "1", "has-vendor-device", "0",
                "feature-balloon", "1", "data-ts", "1"));
        // The guest agent's heartbeat as the master hears it: it stops when the VM hangs, is paused or its host
        // is cut off.
        Instant lastUpdated = model.power().guestLastUpdated(vm);
        r.put("last_updated", XapiDateTime.of(lastUpdated == null ? model.clock().now() : lastUpdated));
        r.put("other_config", emptyMap());
        r.put("live", model.power().guestLive(vm));
        r.put("can_use_hotplug_vbd", "yes");
        r.put("can_use_hotplug_vif", "yes");
        r.put("PV_drivers_detected", true);
        return r;
    }

    /** What the guest agent would report, guessed from the VM's name ("VM3 - Ubuntu"). */
    private record GuestOs(String prettyName, String distro, String major, String minor, String kernel,
                           String templateName) {
    }

    private static GuestOs guessOs(String vmName) {
        String name = vmName.toLowerCase(Locale.ROOT);
        if (name.contains("ubuntu")) {
            return new GuestOs("Ubuntu 20.04.6 LTS", "ubuntu", "20", "04", "5.4.0-150-generic", "Ubuntu Focal Fossa 20.04");
        }
        if (name.contains("centos")) {
            return new GuestOs("CentOS Linux release 7.9.2009 (Core)", "centos", "7", "9",
                    "3.10.0-1160.el7.x86_64", "CentOS 7");
        }
        if (name.contains("windows") || name.contains("win")) {
            return new GuestOs("Microsoft Windows Server 2019 Standard|C:\\Windows|\\Device\\Harddisk0\\Partition2",
                    "windows", "10", "0", "", "Windows Server 2019 (64-bit)");
        }
        return new GuestOs("Debian GNU/Linux 11 (bullseye)", "debian", "11", "7", "5.10.0-23-amd64", "Debian Bullseye 11");
    }
}
