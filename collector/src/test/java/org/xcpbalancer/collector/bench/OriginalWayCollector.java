package org.xcpbalancer.collector.bench;

import static org.xcpbalancer.core.db.generated.Tables.HOST;
import static org.xcpbalancer.core.db.generated.Tables.MAP;
import static org.xcpbalancer.core.db.generated.Tables.VM;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.HostMetrics;
import com.xensource.xenapi.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.xapi.XapiSession;

/**
 * The baseline of CollectorBenchmark: reads the pool the way the original tool did, one XAPI round trip per
 * field and per metric (getters on every host and VM, host/VM.query_data_source for each metric, about fifteen
 * calls per VM), and writes row by row in autocommit. Benchmark code only: it exists to be measured against.
 */
final class OriginalWayCollector {
    private static final long MIB = 1024L * 1024L;

    private OriginalWayCollector() {
    }

    record Row(String uuid, String name, String hostUuid, Long memoryMb, Double cpuPercent, Integer vcpus, String power,
            boolean controlDomain) {
    }

    /** Reads everything with per-object calls; returns host rows and VM rows. */
    static List<List<Row>> read(XapiSession session) throws Exception {
        Connection c = session.connection();
        List<Row> hosts = new ArrayList<>();
        for (Host host : Host.getAll(c)) {
            String uuid = host.getUuid(c);
            String name = host.getNameLabel(c);
            host.getAddress(c);
            int cpus = host.getHostCPUs(c).size();
            HostMetrics metrics = host.getMetrics(c);
            long total = metrics.getMemoryTotal(c);
            metrics.getMemoryFree(c);
            for (String source : List.of("memory_free_kib", "xapi_memory_usage_kib", "xapi_free_memory_kib",
                    "pif_lo_rx", "pif_lo_tx", "pif_eth0_rx", "pif_eth0_tx", "loadavg")) {
                host.queryDataSource(c, source);
            }
            double cpuSum = 0;
            for (int i = 0; i < cpus; i++) {
                cpuSum += host.queryDataSource(c, "cpu" + i);
            }
            hosts.add(new Row(uuid, name, null, total / MIB, cpuSum / cpus * 100, cpus, null, false));
        }
        List<Row> vms = new ArrayList<>();
        Set<com.xensource.xenapi.VM> all = com.xensource.xenapi.VM.getAll(c);
        for (com.xensource.xenapi.VM vm : all) {
            if (vm.getIsATemplate(c) || vm.getIsASnapshot(c)) {
                continue;
            }
            boolean controlDomain = vm.getIsControlDomain(c);
            String uuid = vm.getUuid(c);
            String name = vm.getNameLabel(c);
            Types.VmPowerState power = vm.getPowerState(c);
            long vcpus = vm.getVCPUsMax(c);
            long memory = vm.getMemoryDynamicMax(c);
            String hostUuid = null;
            Double cpu = null;
            if (power == Types.VmPowerState.RUNNING) {
                hostUuid = vm.getResidentOn(c).getUuid(c);
                vm.queryDataSource(c, "memory");
                if (!controlDomain) {
                    vm.queryDataSource(c, "memory_internal_free");
                    vm.queryDataSource(c, "vif_0_rx");
                    vm.queryDataSource(c, "vif_0_tx");
                }
                double sum = 0;
                for (int i = 0; i < vcpus; i++) {
                    sum += vm.queryDataSource(c, "cpu" + i);
                }
                cpu = sum / vcpus * 100;
            }
            vms.add(new Row(uuid, name, hostUuid, memory / MIB, cpu, (int) vcpus, power.toString(), controlDomain));
        }
        return List.of(hosts, vms);
    }

    /** Deletes the picture and inserts it again, one statement per row, each committed on its own. */
    static void write(Database database, List<List<Row>> rows) {
        DSLContext dsl = database.dsl();
        dsl.deleteFrom(MAP).execute();
        dsl.deleteFrom(VM).execute();
        dsl.deleteFrom(HOST).execute();
        for (Row h : rows.get(0)) {
            dsl.insertInto(HOST).set(HOST.UUID, h.uuid()).set(HOST.Name, h.name()).set(HOST.MemoryTotalMb, h.memoryMb())
                    .set(HOST.CpuAverage, h.cpuPercent()).set(HOST.CpuNum, h.vcpus()).execute();
        }
        for (Row v : rows.get(1)) {
            dsl.insertInto(VM).set(VM.UUID, v.uuid()).set(VM.Name, v.name()).set(VM.MemoryMb, v.memoryMb())
                    .set(VM.VcpuAverage, v.cpuPercent()).set(VM.VcpuNum, v.vcpus()).set(VM.PowerState, v.power())
                    .set(VM.IsControlDomain, v.controlDomain()).execute();
            if (v.hostUuid() != null) {
                dsl.insertInto(MAP).set(MAP.HostUuid, v.hostUuid()).set(MAP.VmUuid, v.uuid()).execute();
            }
        }
    }
}
