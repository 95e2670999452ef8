package org.xcpbalancer.simulator.xapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.model.SimVmGroup;
import org.xcpbalancer.simulator.xapi.records.HostRecords;
import org.xcpbalancer.simulator.xapi.records.TaskRecords;
import org.xcpbalancer.simulator.xapi.records.VmGroupRecords;
import org.xcpbalancer.simulator.xapi.records.VmRecords;
import org.xcpbalancer.simulator.xapi.task.SimTask;
import org.xcpbalancer.simulator.xapi.task.TaskManager;
import org.xcpbalancer.simulator.xapi.task.TaskStatus;

/**
 * The XAPI classes the simulator serves (pool, host, host_metrics, host_cpu, VM, VM_metrics, VM_guest_metrics,
 * VM_group, task), mapping the pool model's objects to refs and records.
 */
public final class PoolObjects {

    private final Map<String, XapiObjectClass> classes = new LinkedHashMap<>();
    private final Map<String, XapiObjectClass> byEventClass = new HashMap<>();
    private final ObjectRefs refs;

    /** Where a host_cpu uuid points: the host and the core number. */
    private record CpuLocation(SimHost host, int number) {
    }

    public PoolObjects(PoolModel model, ObjectRefs refs, HostRecords hostRecords, VmRecords vmRecords,
                       VmGroupRecords groupRecords, TaskRecords taskRecords, TaskManager tasks, MessageLog messages) {
        this.refs = refs;
        Map<String, SimHost> hostsByMetrics = new HashMap<>();
        Map<String, CpuLocation> cpus = new LinkedHashMap<>();
        Map<String, SimVm> vmsByMetrics = new HashMap<>();
        Map<String, SimVm> vmsByGuestMetrics = new HashMap<>();
        for (SimHost host : model.hosts()) {
            hostsByMetrics.put(host.metricsUuid(), host);
            for (int i = 0; i < host.cpuUuids().size(); i++) {
                cpus.put(host.cpuUuids().get(i), new CpuLocation(host, i));
            }
        }
        for (SimVm vm : model.vms()) {
            vmsByMetrics.put(vm.metricsUuid(), vm);
            vmsByGuestMetrics.put(vm.guestMetricsUuid(), vm);
        }

        add(XapiClassNames.POOL, () -> List.of(model.poolUuid()), uuid -> uuid.equals(model.poolUuid()),
                uuid -> hostRecords.pool(), uuid -> model.poolName());
        add(XapiClassNames.HOST, () -> uuidsOf(model.hosts(), SimHost::uuid), uuid -> model.host(uuid) != null,
                uuid -> hostRecords.host(model.host(uuid)), uuid -> model.host(uuid).name());
        add(XapiClassNames.HOST_METRICS, () -> uuidsOf(model.hosts(), SimHost::metricsUuid),
                hostsByMetrics::containsKey, uuid -> hostRecords.hostMetrics(hostsByMetrics.get(uuid)), null);
        add(XapiClassNames.HOST_CPU, () -> new ArrayList<>(cpus.keySet()), cpus::containsKey, uuid -> {
            CpuLocation cpu = cpus.get(uuid);
            return hostRecords.hostCpu(cpu.host(), cpu.number());
        }, null);
        add(XapiClassNames.VM, () -> uuidsOf(model.vms(), SimVm::uuid), uuid -> model.vm(uuid) != null,
                uuid -> vmRecords.vm(model.vm(uuid)), uuid -> model.vm(uuid).name());
        add(XapiClassNames.VM_METRICS, () -> uuidsOf(model.vms(), SimVm::metricsUuid), vmsByMetrics::containsKey,
                uuid -> vmRecords.vmMetrics(vmsByMetrics.get(uuid)), null);
        add(XapiClassNames.VM_GUEST_METRICS, () -> {
            List<String> uuids = new ArrayList<>();
            for (SimVm vm : model.vms()) {
                if (vmRecords.hasGuestMetricsObject(vm)) {
                    uuids.add(vm.guestMetricsUuid());
                }
            }
            return uuids;
        }, uuid -> vmsByGuestMetrics.containsKey(uuid) && vmRecords.hasGuestMetricsObject(vmsByGuestMetrics.get(uuid)),
                uuid -> vmRecords.vmGuestMetrics(vmsByGuestMetrics.get(uuid)), null);
        if (model.options().vmGroups()) {
            add(XapiClassNames.VM_GROUP, () -> uuidsOf(model.placement().groups(), SimVmGroup::uuid),
                    uuid -> model.placement().group(uuid) != null,
                    uuid -> groupRecords.group(model.placement().group(uuid)),
                    uuid -> model.placement().group(uuid).name(), groupRecords.sample());
        }
        // The pool starts without tasks: the field list comes from a record of a task that never exists.
        SimTask.Snapshot sampleTask = new SimTask.Snapshot("", "", "", model.master().uuid(), model.start(), null,
                TaskStatus.PENDING, 0, "", List.of(), false);
        add(XapiClassNames.TASK, () -> uuidsOf(tasks.all(), SimTask::uuid), uuid -> tasks.byUuid(uuid) != null,
                uuid -> taskRecords.task(tasks.snapshot(tasks.byUuid(uuid))),
                uuid -> tasks.snapshot(tasks.byUuid(uuid)).nameLabel(), taskRecords.task(sampleTask));
        add(XapiClassNames.MESSAGE, () -> uuidsOf(messages.all(), MessageLog.Message::uuid),
                uuid -> messages.byUuid(uuid) != null, uuid -> MessageLog.record(messages.byUuid(uuid)), null,
                MessageLog.sample());
    }

    private void add(String name, Supplier<List<String>> uuids, Predicate<String> exists,
                     Function<String, Map<String, Object>> record, Function<String, String> nameLabel) {
        List<String> sample = uuids.get();
        add(name, uuids, exists, record, nameLabel, sample.isEmpty() ? Map.of() : record.apply(sample.get(0)));
    }

    private void add(String name, Supplier<List<String>> uuids, Predicate<String> exists,
                     Function<String, Map<String, Object>> record, Function<String, String> nameLabel,
                     Map<String, Object> sampleRecord) {
        XapiObjectClass objectClass = new XapiObjectClass(name, uuids, exists, record,
                new ArrayList<>(sampleRecord.keySet()), nameLabel);
        classes.put(name, objectClass);
        byEventClass.put(objectClass.eventClass(), objectClass);
    }

    private static <T> List<String> uuidsOf(List<T> objects, Function<T, String> uuid) {
        List<String> result = new ArrayList<>(objects.size());
        for (T object : objects) {
            result.add(uuid.apply(object));
        }
        return result;
    }

    public Iterable<XapiObjectClass> all() {
        return classes.values();
    }

    public XapiObjectClass get(String name) {
        return classes.get(name);
    }

    /** By event class ("vm", "host_metrics"), for event.from snapshots. */
    public XapiObjectClass byEventClass(String eventClass) {
        return byEventClass.get(eventClass);
    }

    /** The uuid of an existing object of this class behind the ref, or HANDLE_INVALID [class, ref]. */
    public String requireUuid(String className, Object ref) throws XapiException {
        String uuid = refs.uuid(className, ref);
        if (!classes.get(className).exists().test(uuid)) {
            throw new XapiException(XapiErrorCodes.HANDLE_INVALID, className, String.valueOf(ref));
        }
        return uuid;
    }

    public Map<String, Object> record(String className, String uuid) {
        return classes.get(className).record().apply(uuid);
    }

    public String ref(String className, String uuid) {
        return refs.ref(className, uuid);
    }

    public ObjectRefs refs() {
        return refs;
    }
}
