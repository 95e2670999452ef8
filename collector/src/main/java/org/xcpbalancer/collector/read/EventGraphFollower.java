package org.xcpbalancer.collector.read;

import com.xensource.xenapi.Event;
import com.xensource.xenapi.EventBatch;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.HostMetrics;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.VM;
import com.xensource.xenapi.VMMetrics;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcpbalancer.xapi.XapiErrors;
import org.xcpbalancer.xapi.XapiSession;

/**
 * Keeps the object graph up to date with event.from on explicit classes (never "*": the 8.1 SDK cannot decode
 * classes newer than itself), as xcp-collect --interval does: the first call, with an empty token, returns every
 * object as "add"; each later call returns only what changed since the previous token, in one request. When
 * XAPI answers EVENTS_LOST (the token is too old), the graph is read again from an empty token. VM groups, which
 * the 8.1 SDK cannot follow, are read whole each time: two requests per refresh in all.
 */
public final class EventGraphFollower implements GraphSource {
    private static final Logger LOG = LoggerFactory.getLogger(EventGraphFollower.class);
    /** The classes the collector reads, as event.from names them. */
    public static final Set<String> CLASSES = Set.of("pool", "host", "host_metrics", "vm", "vm_metrics");
    /** Do not wait for changes: a collection takes what has changed so far. */
    private static final double NO_WAIT_SECONDS = 0.0;

    private final ObjectGraph graph = new ObjectGraph();
    private String token = "";

    @Override
    public ObjectGraph refresh(XapiSession session) {
        EventBatch batch;
        try {
            batch = session.call("event.from", c -> Event.from(c, CLASSES, token, NO_WAIT_SECONDS));
        } catch (Types.EventsLost lost) {
            LOG.info("event.from: EVENTS_LOST; reading the pool again");
            token = "";
            return refresh(session);
        } catch (Types.XenAPIException e) {
            throw XapiErrors.toUserFacing("event.from on " + session.masterUrl(), e);
        }
        if (token.isEmpty()) {
            clear();
        }
        if (batch.events != null) {
            for (Event.Record event : batch.events) {
                apply(event);
            }
        }
        token = batch.token;
        // event.from cannot follow VM groups with the 8.1 SDK (it fails on classes newer than itself): one raw read.
        graph.vmGroups.clear();
        graph.vmGroups.putAll(VmGroupReader.read(session));
        return graph;
    }

    private void clear() {
        graph.pools.clear();
        graph.hosts.clear();
        graph.hostMetrics.clear();
        graph.vms.clear();
        graph.vmMetrics.clear();
    }

    private void apply(Event.Record event) {
        String clazz = event.clazz == null ? "" : event.clazz.toLowerCase(Locale.ROOT);
        boolean delete = event.operation == Types.EventOperation.DEL;
        if (!delete && event.snapshot == null) {
            return;
        }
        switch (clazz) {
            case "pool" -> put(graph.pools, event, delete, Pool.Record.class, Types::toPoolRecord);
            case "host" -> put(graph.hosts, event, delete, Host.Record.class, Types::toHostRecord);
            case "host_metrics" -> put(graph.hostMetrics, event, delete, HostMetrics.Record.class,
                    Types::toHostMetricsRecord);
            case "vm" -> put(graph.vms, event, delete, VM.Record.class, Types::toVMRecord);
            case "vm_metrics" -> put(graph.vmMetrics, event, delete, VMMetrics.Record.class, Types::toVMMetricsRecord);
            default -> LOG.debug("ignoring an event of class {}", clazz);
        }
    }

    /** The 8.1 SDK hands snapshots over already decoded into the class's Record; a raw struct is decoded here. */
    private static <R> void put(Map<String, R> records, Event.Record event, boolean delete, Class<R> type,
            Function<Object, R> decode) {
        if (delete) {
            records.remove(event.ref);
        } else {
            records.put(event.ref, type.isInstance(event.snapshot) ? type.cast(event.snapshot) : decode.apply(event.snapshot));
        }
    }
}
