package org.xcpbalancer.collector.read;

import com.xensource.xenapi.Host;
import com.xensource.xenapi.HostMetrics;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.VM;
import com.xensource.xenapi.VMMetrics;
import com.xensource.xenapi.XenAPIObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The part of the pool's object graph the collector needs, keyed by opaque reference: pools, hosts, their
 * metrics, VMs and their metrics, VM groups. Filled in bulk by {@link BulkGraphSource} or kept up to date by
 * {@link EventGraphFollower}. Mutable, owned by one reader; {@link PoolReader} turns it into an immutable
 * {@link PoolObservation}.
 */
public final class ObjectGraph {
    final Map<String, Pool.Record> pools = new HashMap<>();
    final Map<String, Host.Record> hosts = new HashMap<>();
    final Map<String, HostMetrics.Record> hostMetrics = new HashMap<>();
    final Map<String, VM.Record> vms = new HashMap<>();
    final Map<String, VMMetrics.Record> vmMetrics = new HashMap<>();
    /** VM_group records, read raw (the 8.1 SDK has no VM_group class). */
    final Map<String, ObservedGroup> vmGroups = new HashMap<>();

    public int hostCount() {
        return hosts.size();
    }

    public int vmCount() {
        return vms.size();
    }

    /** A record field holding a reference, as its wire string (OpaqueRef:..., or null for none). */
    static String ref(XenAPIObject object) {
        if (object == null) {
            return null;
        }
        String ref = object.toWireString();
        return ref == null || ref.equals("OpaqueRef:NULL") || ref.isEmpty() ? null : ref;
    }

    static <K extends XenAPIObject, R> Map<String, R> byRef(Map<K, R> records) {
        Map<String, R> result = new HashMap<>(records.size() * 2);
        records.forEach((key, record) -> result.put(key.toWireString(), record));
        return result;
    }
}
