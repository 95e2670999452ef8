package org.xcpbalancer.simulator.xapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.rrd.DataSourceInfo;
import org.xcpbalancer.simulator.rrd.UnknownDataSourceException;
import org.xcpbalancer.simulator.xapi.wire.XapiDateTime;

/** host.* methods beyond the generic getters, and the data-source methods hosts and VMs share. */
final class HostMethods {

    private HostMethods() {
    }

    static void register(MethodTable table, XapiServices services) {
        table.add("host.compute_free_memory", 1, context -> services.model().hostFreeMemoryBytes(host(context, services)));
        table.add("host.get_servertime", 1, context -> {
            host(context, services);
            return XapiDateTime.of(services.model().clock().now());
        });
        table.add("host.get_server_localtime", 1, context -> {
            host(context, services);
            return XapiDateTime.of(services.model().clock().now());
        });
        table.add("host.query_data_source", 2, context -> {
            SimHost host = host(context, services);
            requireLive(services, host);
            return queryDataSource(services, host.uuid(), context.stringArg(1));
        });
        table.add("host.get_data_sources", 1, context -> dataSources(services, host(context, services).uuid()));
    }

    static SimHost host(CallContext context, XapiServices services) throws XapiException {
        return host(context, 0, services);
    }

    static SimHost host(CallContext context, int argIndex, XapiServices services) throws XapiException {
        return services.model().host(services.objects().requireUuid(XapiClassNames.HOST, context.arg(argIndex)));
    }

    /** The master forwards host calls to the host itself; a dead one cannot answer. */
    static void requireLive(XapiServices services, SimHost host) throws XapiException {
        if (!host.reachable()) {
            throw new XapiException(XapiErrorCodes.HOST_OFFLINE, services.refs().ref(XapiClassNames.HOST, host.uuid()));
        }
    }

    static SimVm vm(CallContext context, XapiServices services) throws XapiException {
        return services.model().vm(services.objects().requireUuid(XapiClassNames.VM, context.arg(0)));
    }

    /** The latest 5 s average, as xcp-rrdd's query_*_ds; unknown names fail as rrdd's error reaches xapi. */
    static Object queryDataSource(XapiServices services, String uuid, String dataSource) throws XapiException {
        try {
            double value = services.rrd().latestValue(uuid, dataSource);
            // ocaml-rpc would write nan, which XML-RPC clients cannot parse; a dead object's value reads as 0.
            return Double.isNaN(value) ? 0.0 : value;
        } catch (UnknownDataSourceException e) {
            throw new XapiException(XapiErrorCodes.INTERNAL_ERROR,
                    "Rrd_interface.Rrdd_error(Rrdd_internal_error(\"Rrd.Invalid_data_source(\\\"" + dataSource
                            + "\\\")\"))");
        }
    }

    static Object dataSources(XapiServices services, String uuid) {
        List<Object> result = new ArrayList<>();
        for (DataSourceInfo info : services.rrd().dataSources(uuid)) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("name_label", info.nameLabel());
            record.put("name_description", info.nameDescription());
            record.put("enabled", info.enabled());
            record.put("standard", info.standard());
            record.put("units", info.units());
            record.put("min", finite(info.min()));
            record.put("max", finite(info.max()));
            record.put("value", finite(info.value()));
            result.add(record);
        }
        return result;
    }

    /** data_source min/max may be infinite in rrdd; XML-RPC clients cannot parse inf/nan, so clamp as xapi's SDKs expect. */
    private static double finite(double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
        }
        return value;
    }
}
