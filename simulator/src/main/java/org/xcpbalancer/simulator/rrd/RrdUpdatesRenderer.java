package org.xcpbalancer.simulator.rrd;

import java.util.ArrayList;
import java.util.List;
import org.xcpbalancer.simulator.model.HostLoad;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.model.SimVm;
import org.xcpbalancer.simulator.model.VmLoad;

/**
 * The body of GET /rrd_updates on one host, in xcp-rrdd's XML (xport) and JSON formats: the host's own data
 * sources (with host=true) and those of the VMs resident on it, rows newest first.
 * (First version: rows are computed from the model at their timestamps; archives follow.)
 */
public final class RrdUpdatesRenderer {
    private final PoolModel model;

    public RrdUpdatesRenderer(PoolModel model) {
        this.model = model;
    }

    public String xml(SimHost host, long startEpochSeconds, int intervalSeconds, boolean includeHost,
            String vmUuidOrNull) {
        Table table = table(host, startEpochSeconds, intervalSeconds, includeHost, vmUuidOrNull);
        StringBuilder out = new StringBuilder("<xport><meta>");
        out.append("<start>").append(table.start).append("</start><step>").append(table.step)
                .append("</step><end>").append(table.end).append("</end><rows>").append(table.rows.size())
                .append("</rows><columns>").append(table.legend.size()).append("</columns><legend>");
        for (String entry : table.legend) {
            out.append("<entry>").append(entry).append("</entry>");
        }
        out.append("</legend></meta><data>");
        for (Row row : table.rows) {
            out.append("<row><t>").append(row.time).append("</t>");
            for (double v : row.values) {
                out.append("<v>").append(RrdFormat.value(v)).append("</v>");
            }
            out.append("</row>");
        }
        return out.append("</data></xport>").toString();
    }

    public String json(SimHost host, long startEpochSeconds, int intervalSeconds, boolean includeHost,
            String vmUuidOrNull) {
        Table table = table(host, startEpochSeconds, intervalSeconds, includeHost, vmUuidOrNull);
        StringBuilder out = new StringBuilder("{\"meta\":{");
        out.append("\"start\":").append(table.start).append(",\"step\":").append(table.step).append(",\"end\":")
                .append(table.end).append(",\"rows\":").append(table.rows.size()).append(",\"columns\":")
                .append(table.legend.size()).append(",\"legend\":[");
        for (int i = 0; i < table.legend.size(); i++) {
            out.append(i == 0 ? "" : ",").append('"').append(table.legend.get(i)).append('"');
        }
        out.append("]},\"data\":[");
        for (int r = 0; r < table.rows.size(); r++) {
            Row row = table.rows.get(r);
            out.append(r == 0 ? "" : ",").append("{\"t\":").append(row.time).append(",\"values\":[");
            for (int i = 0; i < row.values.length; i++) {
                out.append(i == 0 ? "" : ",").append(RrdFormat.jsonValue(row.values[i]));
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }

    private record Row(long time, double[] values) {
    }

    private record Table(long start, long step, long end, List<String> legend, List<Row> rows) {
    }

    private Table table(SimHost host, long start, int interval, boolean includeHost, String vmUuid) {
        synchronized (model.lock()) {
            long step = interval <= 5 ? 5 : 60;
            long end = Math.floorDiv(model.clock().now().getEpochSecond(), step) * step;
            List<String> legend = new ArrayList<>();
            List<SimVm> vms = new ArrayList<>();
            if (includeHost) {
                DataSourceCatalog.host(host).forEach(d -> legend.add("AVERAGE:host:" + host.uuid() + ":" + d.name()));
            }
            for (SimVm vm : model.residentVms(host)) {
                if (vmUuid == null || vmUuid.equals(vm.uuid())) {
                    vms.add(vm);
                    DataSourceCatalog.vm(vm).forEach(d -> legend.add("AVERAGE:vm:" + vm.uuid() + ":" + d.name()));
                }
            }
            List<Row> rows = new ArrayList<>();
            for (long t = end; t >= start && rows.size() < 120; t -= step) {
                double[] values = new double[legend.size()];
                int i = 0;
                if (includeHost) {
                    HostLoad load = model.hostLoadAt(host, java.time.Instant.ofEpochSecond(t));
                    for (DataSourceDef<HostLoad> def : DataSourceCatalog.host(host)) {
                        values[i++] = def.value().applyAsDouble(load);
                    }
                }
                for (SimVm vm : vms) {
                    VmLoad load = model.vmLoadAt(vm, java.time.Instant.ofEpochSecond(t));
                    for (DataSourceDef<VmLoad> def : DataSourceCatalog.vm(vm)) {
                        values[i++] = def.value().applyAsDouble(load);
                    }
                }
                rows.add(new Row(t, values));
            }
            long first = rows.isEmpty() ? end : rows.get(rows.size() - 1).time;
            return new Table(first, step, end, legend, rows);
        }
    }
}
