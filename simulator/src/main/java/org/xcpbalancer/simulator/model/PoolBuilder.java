package org.xcpbalancer.simulator.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.simulator.scenario.HostSpec;
import org.xcpbalancer.simulator.scenario.LoadProfile;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.simulator.scenario.SnapshotSpec;
import org.xcpbalancer.simulator.scenario.VmSpec;

/**
 * Turns a scenario into hosts and VM records as a real pool has them: a control domain per host, the guests,
 * the templates and the snapshots.
 */
final class PoolBuilder {
    static final long MIB = 1024L * 1024;
    /** Memory a template or a generated object records; templates never run. */
    private static final long TEMPLATE_MEMORY_BYTES = 1024 * MIB;

    private PoolBuilder() {
    }

    /** Builds the objects and records the initial placement in {@code state}. */
    static PoolInventory build(Scenario scenario, PoolModelState state) {
        List<SimHost> hosts = new ArrayList<>();
        List<SimVm> vms = new ArrayList<>();
        Map<String, SimHost> hostsByName = new LinkedHashMap<>();
        for (HostSpec spec : scenario.hosts()) {
            SimHost host = new SimHost(spec.uuid(), spec.name(), spec.description(), spec.address(), spec.cpus(),
                    spec.memoryMb() * MIB, spec.master(), spec.enabled(), spec.tags(), spec.otherConfig(),
                    spec.controlDomainCpu(), spec.controlDomainMemoryMb() * MIB);
            host.setWatts(spec.idleWatts(), spec.maxWatts());
            SimVm dom0 = new SimVm(SimHost.derived(spec.uuid(), "control_domain"),
                    "Control domain on host: " + spec.name(),
                    "The domain which manages physical devices and manages other domains",
                    SimVm.Kind.CONTROL_DOMAIN, spec.controlDomainVcpus(), spec.controlDomainMemoryMb() * MIB, null,
                    List.of(), Map.of(), 0, 0, 0, 0, 0, PowerState.RUNNING, host, 0, spec.controlDomainCpu());
            host.setControlDomain(dom0);
            hosts.add(host);
            hostsByName.put(host.name(), host);
            vms.add(dom0);
            state.residents.put(host, new LinkedHashSet<>(List.of(dom0)));
        }
        Map<String, SimVm> guests = new LinkedHashMap<>();
        for (VmSpec spec : scenario.vms()) {
            SimHost host = spec.host() == null ? null : hostsByName.get(spec.host());
            SimVm vm = new SimVm(spec.uuid(), spec.name(), spec.description(), SimVm.Kind.GUEST, spec.vcpus(),
                    spec.memoryMb() * MIB, null, spec.tags(), spec.otherConfig(), spec.memoryInternalFreeMb() * MIB,
                    spec.vifRxKbps() * 1024, spec.vifTxKbps() * 1024, spec.diskReadKbps() * 1024,
                    spec.diskWriteKbps() * 1024, spec.powerState(), host, host == null ? -1 : state.takeDomid(host),
                    spec.cpu());
            vms.add(vm);
            guests.put(vm.name(), vm);
            if (host != null) {
                state.residents.get(host).add(vm);
            }
        }
        for (String template : scenario.templates()) {
            vms.add(new SimVm(ScenarioLoader.derivedUuid(scenario.poolName(), "template", template), template,
                    "Template for " + template, SimVm.Kind.TEMPLATE, 1, TEMPLATE_MEMORY_BYTES, null, List.of(),
                    Map.of(), 0, 0, 0, 0, 0, PowerState.HALTED, null, -1, LoadProfile.constant(0)));
        }
        for (SnapshotSpec snapshot : scenario.snapshots()) {
            SimVm of = guests.get(snapshot.of());
            vms.add(new SimVm(snapshot.uuid(), snapshot.name(), "Snapshot of " + of.name(), SimVm.Kind.SNAPSHOT,
                    of.vcpus(), of.memoryBytes(), of, of.tags(), of.otherConfig(), of.memoryInternalFreeBytes(),
                    0, 0, 0, 0, PowerState.HALTED, null, -1, LoadProfile.constant(0)));
        }
        return new PoolInventory(hosts, vms);
    }
}
