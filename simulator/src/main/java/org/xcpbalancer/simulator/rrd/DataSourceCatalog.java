package org.xcpbalancer.simulator.rrd;

import java.util.ArrayList;
import java.util.List;
import org.xcpbalancer.simulator.model.HostLoad;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.model.VmLoad;

/**
 * The data sources xcp-rrdd publishes for a host and for a VM, in the order the simulator archives them. Names,
 * descriptions, units and min/max follow the plugins that make them in xen-api (rrdp-cpu, rrdp-squeezed,
 * rrdp-netdev, rrdp-iostat, xapi_stats). Control domains get cpuN and memory only: the dom0
 * memory_internal_free of recent xcp-rrdd (2023) does not exist on the XenServer 8.1 generation the SDK speaks
 * for, and dom0 has no VIFs or VBDs of its own.
 */
final class DataSourceCatalog {
    private DataSourceCatalog() {
    }

    static List<DataSourceDef<HostLoad>> host(SimHost host) {
        List<DataSourceDef<HostLoad>> sources = new ArrayList<>();
        for (int i = 0; i < host.cpuCount(); i++) {
            final int core = i;
            sources.add(new DataSourceDef<>("cpu" + i, "Physical cpu usage for cpu " + i, "(fraction)", 0, 1, true,
                    load -> load.cpuPerCore()[core]));
        }
        sources.add(new DataSourceDef<>("cpu_avg", "Average physical cpu usage", "(fraction)", 0, 1, true,
                HostLoad::cpuAvg));
        sources.add(new DataSourceDef<>("loadavg", "Domain0 loadavg", "(fraction)", Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, true,
                HostLoad::loadavg));
        sources.add(new DataSourceDef<>("memory_total_kib", "Total amount of memory in the host", "KiB", 0,
                Double.POSITIVE_INFINITY, true, load -> load.memoryTotalKib()));
        sources.add(new DataSourceDef<>("memory_free_kib", "Total amount of free memory", "KiB", 0,
                Double.POSITIVE_INFINITY, true, load -> load.memoryFreeKib()));
        sources.add(new DataSourceDef<>("xapi_memory_usage_kib", "Total memory allocated used by xapi daemon", "KiB",
                0, Double.POSITIVE_INFINITY, true, load -> load.xapiMemoryUsageKib()));
        sources.add(new DataSourceDef<>("xapi_free_memory_kib", "Free memory available to the xapi daemon", "KiB",
                0, Double.POSITIVE_INFINITY, true, load -> load.xapiFreeMemoryKib()));
        sources.add(new DataSourceDef<>("pif_lo_rx", "Bytes per second received on physical interface lo", "B/s",
                0, Double.POSITIVE_INFINITY, true, HostLoad::pifLoRxBytesPerSec));
        sources.add(new DataSourceDef<>("pif_lo_tx", "Bytes per second sent on physical interface lo", "B/s",
                0, Double.POSITIVE_INFINITY, true, HostLoad::pifLoTxBytesPerSec));
        sources.add(new DataSourceDef<>("pif_eth0_rx", "Bytes per second received on physical interface eth0", "B/s",
                0, Double.POSITIVE_INFINITY, true, HostLoad::pifEth0RxBytesPerSec));
        sources.add(new DataSourceDef<>("pif_eth0_tx", "Bytes per second sent on physical interface eth0", "B/s",
                0, Double.POSITIVE_INFINITY, true, HostLoad::pifEth0TxBytesPerSec));
        return sources;
    }

    /**
     * A VM's values in {@link #vm} order, from its per-vCPU utilisation (NaN: not running) and its fixed rates;
     * the fast path of the RRD store, equal to applying the definitions to the model's {@link VmLoad}.
     */
    static void fillVm(SimVm vm, double cpuPerVcpu, double[] out) {
        int i = 0;
        for (; i < vm.vcpus(); i++) {
            out[i] = cpuPerVcpu;
        }
        boolean running = !Double.isNaN(cpuPerVcpu);
        out[i++] = running ? vm.memoryBytes() : Double.NaN;
        if (vm.isControlDomain()) {
            return;
        }
        out[i++] = running ? vm.memoryInternalFreeBytes() / 1024.0 : Double.NaN;
        out[i++] = running ? vm.vifRxBytesPerSec() : Double.NaN;
        out[i++] = running ? vm.vifTxBytesPerSec() : Double.NaN;
        out[i++] = running ? vm.diskReadBytesPerSec() : Double.NaN;
        out[i] = running ? vm.diskWriteBytesPerSec() : Double.NaN;
    }

    static List<DataSourceDef<VmLoad>> vm(SimVm vm) {
        List<DataSourceDef<VmLoad>> sources = new ArrayList<>();
        for (int i = 0; i < vm.vcpus(); i++) {
            final int vcpu = i;
            sources.add(new DataSourceDef<>("cpu" + i, "CPU" + i + " usage", "(fraction)", 0, 1, true,
                    load -> load.cpuPerVcpu()[vcpu]));
        }
        sources.add(new DataSourceDef<>("memory", "Memory currently allocated to VM", "B", 0,
                Double.POSITIVE_INFINITY, true, VmLoad::memoryBytes));
        if (vm.isControlDomain()) {
            return sources;
        }
        sources.add(new DataSourceDef<>("memory_internal_free", "Memory used as reported by the guest agent", "KiB",
                0, Double.POSITIVE_INFINITY, true, VmLoad::memoryInternalFreeKib));
        sources.add(new DataSourceDef<>("vif_0_rx", "Bytes per second received on virtual interface number '0'",
                "B/s", 0, Double.POSITIVE_INFINITY, true, VmLoad::vif0RxBytesPerSec));
        sources.add(new DataSourceDef<>("vif_0_tx", "Bytes per second transmitted on virtual interface number '0'",
                "B/s", 0, Double.POSITIVE_INFINITY, true, VmLoad::vif0TxBytesPerSec));
        sources.add(new DataSourceDef<>("vbd_xvda_read", "Reads from device xvda, in B/s", "B/s", 0,
                Double.POSITIVE_INFINITY, true, VmLoad::vbdXvdaReadBytesPerSec));
        sources.add(new DataSourceDef<>("vbd_xvda_write", "Writes from device xvda, in B/s", "B/s", 0,
                Double.POSITIVE_INFINITY, true, VmLoad::vbdXvdaWriteBytesPerSec));
        return sources;
    }
}
