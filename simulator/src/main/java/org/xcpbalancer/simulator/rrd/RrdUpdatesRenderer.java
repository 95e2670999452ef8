package org.xcpbalancer.simulator.rrd;

import org.xcpbalancer.simulator.model.SimHost;

/**
 * The body of GET /rrd_updates on one host, byte for byte as xcp-rrdd writes it (xapi-rrd's Rrd_updates.xml_of,
 * via Xmlm, and json_of_t, via Yojson): the host's own data sources (host=true) and those of the VMs resident on
 * it, rows newest first, values as Utils.f_to_s ("%0.15g", "0.0", "NaN").
 *
 * <p>XML: {@code <?xml version="1.0" encoding="UTF-8"?>\n<xport><meta><start>..</start><step>..</step><end>..</end>
 * <rows>..</rows><columns>..</columns><legend><entry>AVERAGE:host:UUID:cpu0</entry>..</legend></meta><data><row>
 * <t>..</t><v>..</v>..</row>..</data></xport>} with no whitespace; empty elements as {@code <data/>}.
 * JSON: every number is a string: {@code {"meta":{"start":"..","step":"5","end":"..","rows":"..","columns":"..",
 * "legend":[..]},"data":[{"t":"..","values":[".."]}]}}.
 *
 * <p>Only the AVERAGE consolidation function exists (xcp-rrdd's default, use_min_max=false); the caller answers
 * other cf values the way xcp-rrdd does (No_RRA_Available). Both methods throw {@link NoRraAvailableException}
 * when there is nothing to export.
 */
public final class RrdUpdatesRenderer {
    private final RrdStore store;

    public RrdUpdatesRenderer(RrdStore store) {
        this.store = store;
    }

    /** True for the consolidation functions the archives hold: AVERAGE, or none given (all archives). */
    public static boolean supportsCf(String cfOrNull) {
        return cfOrNull == null || cfOrNull.equals("AVERAGE");
    }

    public String xml(SimHost host, long startEpochSeconds, int intervalSeconds, boolean includeHost,
            String vmUuidOrNull) {
        return xml(store.updates(host, startEpochSeconds, intervalSeconds, includeHost, vmUuidOrNull));
    }

    public String json(SimHost host, long startEpochSeconds, int intervalSeconds, boolean includeHost,
            String vmUuidOrNull) {
        return json(store.updates(host, startEpochSeconds, intervalSeconds, includeHost, vmUuidOrNull));
    }

    static String xml(RrdUpdatesExport updates) {
        StringBuilder out = new StringBuilder(64 + updates.rows().size() * updates.legend().size() * 16);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xport><meta>");
        element(out, "start", Long.toString(updates.start()));
        element(out, "step", Long.toString(updates.step()));
        element(out, "end", Long.toString(updates.end()));
        element(out, "rows", Integer.toString(updates.rows().size()));
        element(out, "columns", Integer.toString(updates.legend().size()));
        if (updates.legend().isEmpty()) {
            out.append("<legend/>");
        } else {
            out.append("<legend>");
            updates.legend().forEach(entry -> element(out, "entry", escape(entry)));
            out.append("</legend>");
        }
        out.append("</meta>");
        if (updates.rows().isEmpty()) {
            out.append("<data/>");
        } else {
            out.append("<data>");
            for (RrdUpdatesExport.Row row : updates.rows()) {
                out.append("<row>");
                element(out, "t", Long.toString(row.time()));
                for (double value : row.values()) {
                    element(out, "v", RrdFormat.value(value));
                }
                out.append("</row>");
            }
            out.append("</data>");
        }
        return out.append("</xport>").toString();
    }

    static String json(RrdUpdatesExport updates) {
        StringBuilder out = new StringBuilder(64 + updates.rows().size() * updates.legend().size() * 16);
        out.append("{\"meta\":{\"start\":\"").append(updates.start())
                .append("\",\"step\":\"").append(updates.step())
                .append("\",\"end\":\"").append(updates.end())
                .append("\",\"rows\":\"").append(updates.rows().size())
                .append("\",\"columns\":\"").append(updates.legend().size())
                .append("\",\"legend\":[");
        for (int i = 0; i < updates.legend().size(); i++) {
            out.append(i == 0 ? "\"" : ",\"").append(updates.legend().get(i)).append('"');
        }
        out.append("]},\"data\":[");
        for (int r = 0; r < updates.rows().size(); r++) {
            RrdUpdatesExport.Row row = updates.rows().get(r);
            out.append(r == 0 ? "{\"t\":\"" : ",{\"t\":\"").append(row.time()).append("\",\"values\":[");
            double[] values = row.values();
            for (int i = 0; i < values.length; i++) {
                out.append(i == 0 ? "\"" : ",\"").append(RrdFormat.value(values[i])).append('"');
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }

    private static void element(StringBuilder out, String name, String text) {
        out.append('<').append(name).append('>').append(text).append("</").append(name).append('>');
    }

    /** Xmlm escapes <, >, & and " in character data. Legend entries never contain them; kept for safety. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
