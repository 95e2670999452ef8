package org.xcpbalancer.guard.view;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.HostMetrics;
import com.xensource.xenapi.Message;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.VM;
import com.xensource.xenapi.VMGuestMetrics;
import com.xensource.xenapi.XenAPIObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.collector.read.ObservedGroup;
import org.xcpbalancer.collector.read.VmGroupReader;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.state.VmGroup;
import org.xcpbalancer.xapi.XapiSession;

/**
 * Reads a {@link PoolView} with one get_all_records per class (pool, host, host_metrics, VM, VM_guest_metrics,
 * message, VM_group) and the master's clock: eight calls whatever the pool's size. Templates, snapshots and control domains are left
 * out of the VMs.
 */
public final class PoolViewReader {
    private static final long MIB = 1024L * 1024L;
    private static final String IPMI_ADDRESS = "ipmi_address";

    private PoolViewReader() {
    }

    public static PoolView read(XapiSession session) {
        Map<Pool, Pool.Record> pools = session.read("pool.get_all_records", Pool::getAllRecords);
        if (pools.size() != 1) {
            throw new UserFacingException(ExitCode.FAILURE, "the pool master reported " + pools.size()
                    + " pool objects; expected exactly one");
        }
        Pool.Record pool = pools.values().iterator().next();
        Map<Host, Host.Record> hosts = session.read("host.get_all_records", Host::getAllRecords);
        Map<HostMetrics, HostMetrics.Record> hostMetrics = session.read("host_metrics.get_all_records",
                HostMetrics::getAllRecords);
        Map<VM, VM.Record> vms = session.read("VM.get_all_records", VM::getAllRecords);
        Map<VMGuestMetrics, VMGuestMetrics.Record> guests = session.read("VM_guest_metrics.get_all_records",
                VMGuestMetrics::getAllRecords);
        Map<Message, Message.Record> messages = session.read("message.get_all_records", Message::getAllRecords);
        Map<String, ObservedGroup> groups = VmGroupReader.read(session);
        Date serverTime = session.read("host.get_servertime", c -> pool.master.getServertime(c));

        Map<String, HostMetrics.Record> metricsByRef = byRef(hostMetrics);
        Map<String, VMGuestMetrics.Record> guestsByRef = byRef(guests);
        Map<String, String> hostUuidByRef = hosts.entrySet().stream()
                .collect(Collectors.toMap(e -> ref(e.getKey()), e -> e.getValue().uuid));
        String masterRef = ref(pool.master);

        List<HostView> hostViews = new ArrayList<>();
        hosts.forEach((host, h) -> {
            HostMetrics.Record m = metricsByRef.get(ref(h.metrics));
            hostViews.add(new HostView(ref(host), h.uuid, h.nameLabel, h.address, Boolean.TRUE.equals(h.enabled),
                    m == null ? null : m.live, m == null ? null : instant(m.lastUpdated),
                    m == null ? null : mib(m.memoryTotal), m == null ? null : mib(m.memoryFree),
                    ref(host).equals(masterRef), h.otherConfig == null ? null : h.otherConfig.get(IPMI_ADDRESS),
                    cpuCount(h), h.tags == null ? Set.of() : h.tags));
        });
        hostViews.sort(Comparator.comparing(HostView::name, Comparator.nullsLast(Comparator.naturalOrder())));

        List<VmView> vmViews = new ArrayList<>();
        vms.forEach((vm, v) -> {
            if (Boolean.TRUE.equals(v.isATemplate) || Boolean.TRUE.equals(v.isASnapshot)
                    || Boolean.TRUE.equals(v.isControlDomain)) {
                return;
            }
            String power = v.powerState == null ? null : v.powerState.toString();
            boolean resident = "Running".equals(power) || "Paused".equals(power);
            VMGuestMetrics.Record g = guestsByRef.get(ref(v.guestMetrics));
            vmViews.add(new VmView(ref(vm), v.uuid, v.nameLabel, power,
                    resident ? hostUuidByRef.get(ref(v.residentOn)) : null, v.haRestartPriority,
                    v.order == null ? 0 : v.order, v.startDelay == null ? 0 : v.startDelay,
                    v.tags == null ? Set.of() : v.tags, v.memoryStaticMax == null ? 0 : mib(v.memoryStaticMax),
                    g == null ? null : instant(g.lastUpdated), g == null ? null : g.live,
                    v.currentOperations == null ? Set.of() : v.currentOperations.values().stream()
                            .map(Object::toString).collect(Collectors.toSet()),
                    hostUuidByRef.get(ref(v.affinity)), groupsOf(ref(vm), groups)));
        });
        vmViews.sort(Comparator.comparing(VmView::name, Comparator.nullsLast(Comparator.naturalOrder())));
        return new PoolView(pool.uuid, pool.nameLabel, Boolean.TRUE.equals(pool.haEnabled),
                hostUuidByRef.get(masterRef), instant(serverTime), hostViews, vmViews, vmMessages(messages.values()),
                groups.values().stream().map(g -> new VmGroup(g.uuid(), g.name(), g.placement())).toList());
    }

    private static Set<String> groupsOf(String vmRef, Map<String, ObservedGroup> groups) {
        return groups.values().stream().filter(g -> g.vmRefs().contains(vmRef)).map(ObservedGroup::uuid)
                .collect(Collectors.toSet());
    }

    /** Per VM uuid, its newest start (VM_STARTED, VM_REBOOTED), shutdown, pause and unpause message times. */
    static Map<String, VmMessages> vmMessages(Iterable<Message.Record> messages) {
        Map<String, VmMessages> byVm = new HashMap<>();
        for (Message.Record m : messages) {
            if (m.objUuid == null || m.timestamp == null || m.name == null) {
                continue;
            }
            Instant at = m.timestamp.toInstant();
            VmMessages known = byVm.getOrDefault(m.objUuid, VmMessages.NONE);
            switch (m.name) {
                case "VM_STARTED", "VM_REBOOTED" -> byVm.put(m.objUuid, new VmMessages(later(known.lastStartedAt(), at),
                        known.lastShutdownAt(), known.lastPausedAt(), known.lastUnpausedAt()));
                case "VM_SHUTDOWN" -> byVm.put(m.objUuid, new VmMessages(known.lastStartedAt(),
                        later(known.lastShutdownAt(), at), known.lastPausedAt(), known.lastUnpausedAt()));
                case "VM_PAUSED" -> byVm.put(m.objUuid, new VmMessages(known.lastStartedAt(), known.lastShutdownAt(),
                        later(known.lastPausedAt(), at), known.lastUnpausedAt()));
                case "VM_UNPAUSED" -> byVm.put(m.objUuid, new VmMessages(known.lastStartedAt(),
                        known.lastShutdownAt(), known.lastPausedAt(), later(known.lastUnpausedAt(), at)));
                default -> { }
            }
        }
        return byVm;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static <K extends XenAPIObject, V> Map<String, V> byRef(Map<K, V> records) {
        return records.entrySet().stream().collect(Collectors.toMap(e -> ref(e.getKey()), Map.Entry::getValue));
    }

    /** The object's reference, "" for none (OpaqueRef:NULL is then looked up and not found). */
    static String ref(XenAPIObject object) {
        return object == null || object.toWireString() == null ? "" : object.toWireString();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static long mib(Long bytes) {
        return bytes == null ? 0 : bytes / MIB;
    }

    private static Integer cpuCount(Host.Record host) {
        String count = host.cpuInfo == null ? null : host.cpuInfo.get("cpu_count");
        try {
            return count == null ? null : Integer.valueOf(count.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
