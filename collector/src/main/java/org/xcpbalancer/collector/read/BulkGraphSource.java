package org.xcpbalancer.collector.read;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.HostMetrics;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.VM;
import com.xensource.xenapi.VMMetrics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.xcpbalancer.xapi.XapiSession;

/**
 * Reads the object graph with one get_all_records per class: six requests whatever the number of hosts and
 * VMs (the original tool made about fifteen per VM), sent in parallel so the wall time is that of the largest
 * (VM) rather than the sum. VM groups are read raw ({@link VmGroupReader}): the 8.1 SDK does not know them. VM_guest_metrics is not read: the guest-only values the collector records (internal
 * free memory, VIF traffic) come from the RRDs. This is what a cron run of xcp-collect does.
 */
public final class BulkGraphSource implements GraphSource {
    private final Executor executor;

    public BulkGraphSource(Executor executor) {
        this.executor = executor;
    }

    @Override
    public ObjectGraph refresh(XapiSession session) {
        var pools = read(() -> session.read("pool.get_all_records", Pool::getAllRecords));
        var hosts = read(() -> session.read("host.get_all_records", Host::getAllRecords));
        var hostMetrics = read(() -> session.read("host_metrics.get_all_records", HostMetrics::getAllRecords));
        var vms = read(() -> session.read("VM.get_all_records", VM::getAllRecords));
        var vmMetrics = read(() -> session.read("VM_metrics.get_all_records", VMMetrics::getAllRecords));
        var vmGroups = read(() -> VmGroupReader.read(session));
        ObjectGraph graph = new ObjectGraph();
        graph.pools.putAll(ObjectGraph.byRef(join(pools)));
        graph.hosts.putAll(ObjectGraph.byRef(join(hosts)));
        graph.hostMetrics.putAll(ObjectGraph.byRef(join(hostMetrics)));
        graph.vms.putAll(ObjectGraph.byRef(join(vms)));
        graph.vmMetrics.putAll(ObjectGraph.byRef(join(vmMetrics)));
        graph.vmGroups.putAll(join(vmGroups));
        return graph;
    }

    private <T> CompletableFuture<T> read(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, executor);
    }

    /** Waits for a read; its failure (a one-line UserFacingException) is rethrown as is. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
