package org.xcpbalancer.collector.read;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.HostMetrics;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.VM;
import com.xensource.xenapi.VMMetrics;
import org.xcpbalancer.core.xapi.XapiSession;

/**
 * Reads the object graph with one get_all_records per class: five requests whatever the number of hosts and
 * VMs (the original tool made about fifteen per VM). VM_guest_metrics is not read: the guest-only values the
 * collector records (internal free memory, VIF traffic) come from the RRDs.
 */
public final class BulkGraphReader {
    private BulkGraphReader() {
    }

    /** The pool record alone: the first read, so the per-pool lock can be taken before the rest. */
    public static void readPools(XapiSession session, ObjectGraph graph) {
        graph.pools.clear();
        graph.pools.putAll(ObjectGraph.byRef(session.read("pool.get_all_records", Pool::getAllRecords)));
    }

    /** Hosts, VMs and their metrics (the pools are read by {@link #readPools}). */
    public static void readRest(XapiSession session, ObjectGraph graph) {
        graph.hosts.clear();
        graph.hosts.putAll(ObjectGraph.byRef(session.read("host.get_all_records", Host::getAllRecords)));
        graph.hostMetrics.clear();
        graph.hostMetrics.putAll(ObjectGraph.byRef(session.read("host_metrics.get_all_records",
                HostMetrics::getAllRecords)));
        graph.vms.clear();
        graph.vms.putAll(ObjectGraph.byRef(session.read("VM.get_all_records", VM::getAllRecords)));
        graph.vmMetrics.clear();
        graph.vmMetrics.putAll(ObjectGraph.byRef(session.read("VM_metrics.get_all_records", VMMetrics::getAllRecords)));
    }
}
