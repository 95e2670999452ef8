package org.xcpbalancer.simulator.xapi.records;

import static org.xcpbalancer.simulator.xapi.records.RecordValues.copyOf;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.emptyMap;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.emptySet;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.record;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.set;
import static org.xcpbalancer.simulator.xapi.records.RecordValues.stringMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.simulator.model.HostLoad;
import org.xcpbalancer.simulator.model.PlacementModel;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.xapi.ObjectRefs;
import org.xcpbalancer.simulator.xapi.XapiClassNames;
import org.xcpbalancer.simulator.xapi.wire.XapiDateTime;

/**
 * pool, host, host_metrics and host_cpu records with every field the 8.1 SDK reads, valued as an XCP-ng 8.2 pool
 * (API 2.15, "stockholm") would show them.
 */
public final class HostRecords {

    /** XCP-ng 8.2 speaks XAPI 2.15, as Citrix Hypervisor 8.2 (stockholm) does. */
    public static final long API_VERSION_MAJOR = 2;
    public static final long API_VERSION_MINOR = 15;
    /** pool.other_config key xapi sets during a rolling pool upgrade (Xapi_globs.rolling_upgrade_in_progress). */
    public static final String ROLLING_UPGRADE_KEY = "rolling_upgrade_in_progress";
    static final String CPU_VENDOR = "GenuineIntel";
    static final String CPU_MODEL_NAME = "Intel(R) Xeon(R) CPU E5-2630 v4 @ 2.20GHz";
    static final long CPU_SPEED_MHZ = 2199;
    static final String CPU_FLAGS = "fpu de tsc msr pae mce cx8 apic sep mca cmov pat clflush acpi mmx fxsr sse sse2 "
            + "ht syscall nx lm constant_tsc rep_good nopl nonstop_tsc pni pclmulqdq monitor est ssse3 fma cx16 "
            + "sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch";
    static final String CPU_FEATURES = "1fdbfbff-77fef3ff-2c100800-00000121-0000000f-001c0fbb-00000000-00000000-"
            + "00001000-9c000400-00000000-00000000-00000000-00000000-00000000";

    private final PoolModel model;
    private final ObjectRefs refs;

    public HostRecords(PoolModel model, ObjectRefs refs) {
        this.model = model;
        this.refs = refs;
    }

    public Map<String, Object> pool() {
        Map<String, Object> r = record(37);
        r.put("uuid", model.poolUuid());
        r.put("name_label", model.poolName());
        r.put("name_description", "");
        r.put("master", refs.ref(XapiClassNames.HOST, model.master().uuid()));
        r.put("default_SR", ObjectRefs.NULL_REF);
        r.put("suspend_image_SR", ObjectRefs.NULL_REF);
        r.put("crash_dump_SR", ObjectRefs.NULL_REF);
        Map<String, Object> otherConfig = stringMap("memory-ratio-hvm", "0.25", "memory-ratio-pv", "0.25",
                "auto_poweron", "false");
        if (model.placement().rollingUpgrade()) {
            otherConfig.put(ROLLING_UPGRADE_KEY, "true");
        }
        r.put("other_config", otherConfig);
        PlacementModel.HaSettings ha = model.placement().ha();
        r.put("ha_enabled", ha.enabled());
        r.put("ha_configuration", emptyMap());
        r.put("ha_statefiles", emptySet());
        r.put("ha_host_failures_to_tolerate", ha.hostFailuresToTolerate());
        r.put("ha_plan_exists_for", model.placement().haPlanExistsFor());
        r.put("ha_allow_overcommit", ha.allowOvercommit());
        r.put("ha_overcommitted", model.placement().haOvercommitted());
        r.put("blobs", emptyMap());
        r.put("tags", emptySet());
        r.put("gui_config", emptyMap());
        r.put("health_check_config", emptyMap());
        r.put("wlb_url", "");
        r.put("wlb_username", "");
        r.put("wlb_enabled", false);
        r.put("wlb_verify_cert", false);
        r.put("redo_log_enabled", false);
        r.put("redo_log_vdi", ObjectRefs.NULL_REF);
        r.put("vswitch_controller", "");
        r.put("restrictions", stringMap("restrict_vswitch_controller", "false", "restrict_lab", "false",
                "restrict_pooling", "false", "restrict_xen_motion", "false", "restrict_wlb", "false",
                "restrict_rbac", "false", "restrict_dmc", "false", "restrict_pool_size", "false",
                "enable_xha", "true", "platform_filter", "false", "sku_type", "free"));
        r.put("metadata_VDIs", emptySet());
        r.put("ha_cluster_stack", "xhad");
        r.put("allowed_operations", set("ha_enable", "cluster_create"));
        r.put("current_operations", emptyMap());
        r.put("guest_agent_config", emptyMap());
        r.put("cpu_info", stringMap("cpu_count", Integer.toString(totalCpus()), "socket_count",
                Integer.toString(model.hosts().size() * 2), "vendor", CPU_VENDOR, "features_pv", CPU_FEATURES,
                "features_hvm", CPU_FEATURES));
        r.put("policy_no_vendor_device", false);
        r.put("live_patching_disabled", false);
        r.put("igmp_snooping_enabled", false);
        r.put("uefi_certificates", "");
        return r;
    }

    private int totalCpus() {
        return model.hosts().stream().mapToInt(SimHost::cpuCount).sum();
    }

    public Map<String, Object> host(SimHost host) {
        Map<String, Object> r = record(59);
        r.put("uuid", host.uuid());
        r.put("name_label", host.name());
        r.put("name_description", host.description());
        r.put("memory_overhead", memoryOverheadBytes(host));
        r.put("allowed_operations", allowedOperations(host));
        r.put("current_operations", emptyMap());
        r.put("API_version_major", API_VERSION_MAJOR);
        r.put("API_version_minor", API_VERSION_MINOR);
        r.put("API_version_vendor", "XenSource");
        r.put("API_version_vendor_implementation", emptyMap());
        r.put("enabled", host.enabled());
        r.put("software_version", stringMap("product_version", "8.2.1", "product_version_text", "8.2",
                "product_version_text_short", "8.2", "platform_name", "XCP", "platform_version", "3.2.1",
                "product_brand", "XCP-ng", "build_number", "release/stockholm/master/7", "hostname", "localhost",
                "date", "2022-02-11", "dbv", "0.0.1", "xapi", "1.249", "xen", "4.13.4-9.29.1", "linux",
                "4.19.0+1", "xencenter_min", "2.16", "xencenter_max", "2.16", "network_backend", "openvswitch",
                "db_schema", "5.602"));
        r.put("other_config", otherConfig(host));
        r.put("capabilities", set("xen-3.0-x86_64", "hvm-3.0-x86_32", "hvm-3.0-x86_32p", "hvm-3.0-x86_64"));
        r.put("cpu_configuration", emptyMap());
        r.put("sched_policy", "credit");
        r.put("supported_bootloaders", set("pygrub", "eliloader"));
        r.put("resident_VMs", vmRefs(model.residentVms(host)));
        r.put("logging", emptyMap());
        r.put("PIFs", emptySet());
        r.put("suspend_image_sr", ObjectRefs.NULL_REF);
        r.put("crash_dump_sr", ObjectRefs.NULL_REF);
        r.put("crashdumps", emptySet());
        r.put("patches", emptySet());
        r.put("updates", emptySet());
        r.put("PBDs", emptySet());
        r.put("host_CPUs", cpuRefs(host));
        r.put("cpu_info", stringMap("cpu_count", Integer.toString(host.cpuCount()), "socket_count",
                host.cpuCount() >= 8 ? "2" : "1", "vendor", CPU_VENDOR, "speed", CPU_SPEED_MHZ + ".000",
                "modelname", CPU_MODEL_NAME, "family", "6", "model", "79", "stepping", "1", "flags", CPU_FLAGS,
                "features", CPU_FEATURES, "features_pv", CPU_FEATURES, "features_hvm", CPU_FEATURES));
        r.put("hostname", host.hostname());
        r.put("address", host.address());
        r.put("metrics", refs.ref(XapiClassNames.HOST_METRICS, host.metricsUuid()));
        r.put("license_params", stringMap("restrict_pooling", "false", "restrict_xen_motion", "false",
                "sku_type", "free", "expiry", "30000101T00:00:00Z"));
        r.put("ha_statefiles", emptySet());
        r.put("ha_network_peers", emptySet());
        r.put("blobs", emptyMap());
        r.put("tags", new ArrayList<Object>(host.tags()));
        r.put("external_auth_type", "");
        r.put("external_auth_service_name", "");
        r.put("external_auth_configuration", emptyMap());
        r.put("edition", "xcp-ng");
        r.put("license_server", stringMap("address", "localhost", "port", "27000"));
        r.put("bios_strings", stringMap("bios-vendor", "Xen", "system-manufacturer", "Xen",
                "system-product-name", "HVM domU"));
        r.put("power_on_mode", host.powerOnMode());
        r.put("power_on_config", copyOf(host.powerOnConfig()));
        r.put("local_cache_sr", ObjectRefs.NULL_REF);
        r.put("chipset_info", stringMap("iommu", "true"));
        r.put("PCIs", emptySet());
        r.put("PGPUs", emptySet());
        r.put("PUSBs", emptySet());
        r.put("ssl_legacy", false);
        r.put("guest_VCPUs_params", emptyMap());
        r.put("display", "enabled");
        r.put("virtual_hardware_platform_versions", set(0L, 1L, 2L));
        SimVm controlDomain = host.controlDomain();
        r.put("control_domain", controlDomain == null ? ObjectRefs.NULL_REF
                : refs.ref(XapiClassNames.VM, controlDomain.uuid()));
        r.put("updates_requiring_reboot", emptySet());
        r.put("features", emptySet());
        r.put("iscsi_iqn", "iqn.2022-02.com.example:" + host.hostname());
        r.put("multipathing", false);
        r.put("uefi_certificates", "");
        return r;
    }

    /** xapi_host_helpers.ml valid_operations: shutdown and reboot need a disabled host, power_on a dead one with a mode. */
    private static List<Object> allowedOperations(SimHost host) {
        List<Object> allowed = new ArrayList<>();
        if (host.live()) {
            allowed.addAll(List.of("vm_migrate", "provision", "vm_resume", "evacuate", "vm_start"));
            if (!host.enabled()) {
                allowed.addAll(List.of("reboot", "shutdown"));
            }
        } else if (!host.powerOnMode().isEmpty()) {
            allowed.add("power_on");
        }
        return allowed;
    }

    private static Map<String, Object> otherConfig(SimHost host) {
        Map<String, Object> config = stringMap("agent_start_time", "1700000000.", "boot_time", "1699999900.",
                "iscsi_iqn", "iqn.2022-02.com.example:" + host.hostname());
        config.putAll(copyOf(host.otherConfig()));
        return config;
    }

    /** Xen's own per-host overhead, as host.memory_overhead reports it. */
    private long memoryOverheadBytes(SimHost host) {
        return model.options().hypervisorOverheadMb() * 1024L * 1024L;
    }

    public Map<String, Object> hostMetrics(SimHost host) {
        Map<String, Object> r = record(6);
        r.put("uuid", host.metricsUuid());
        r.put("memory_total", host.memoryTotalBytes());
        r.put("memory_free", model.hostFreeMemoryBytes(host));
        r.put("live", host.live());
        r.put("last_updated", XapiDateTime.of(model.clock().now()));
        r.put("other_config", emptyMap());
        return r;
    }

    public Map<String, Object> hostCpu(SimHost host, int number) {
        Map<String, Object> r = record(13);
        r.put("uuid", host.cpuUuids().get(number));
        r.put("host", refs.ref(XapiClassNames.HOST, host.uuid()));
        r.put("number", (long) number);
        r.put("vendor", CPU_VENDOR);
        r.put("speed", CPU_SPEED_MHZ);
        r.put("modelname", CPU_MODEL_NAME);
        r.put("family", 6L);
        r.put("model", 79L);
        r.put("stepping", "1");
        r.put("flags", CPU_FLAGS);
        r.put("features", CPU_FEATURES);
        HostLoad load = model.hostLoad(host);
        double utilisation = number < load.cpuPerCore().length ? load.cpuPerCore()[number] : 0.0;
        r.put("utilisation", Double.isNaN(utilisation) ? 0.0 : utilisation);
        r.put("other_config", emptyMap());
        return r;
    }

    private List<Object> vmRefs(List<SimVm> vms) {
        List<Object> result = new ArrayList<>(vms.size());
        for (SimVm vm : vms) {
            result.add(refs.ref(XapiClassNames.VM, vm.uuid()));
        }
        return result;
    }

    private List<Object> cpuRefs(SimHost host) {
        List<Object> result = new ArrayList<>(host.cpuCount());
        for (String cpuUuid : host.cpuUuids()) {
            result.add(refs.ref(XapiClassNames.HOST_CPU, cpuUuid));
        }
        return result;
    }
}
