package org.xcpbalancer.simulator.rrd;

import java.util.List;

/**
 * The content of one rrd_updates reply (xapi-rrd's Rrd_updates.t): meta start/step/end, the legend and the rows,
 * newest first.
 */
public record RrdUpdatesExport(long start, long step, long end, List<String> legend, List<Row> rows) {

    public RrdUpdatesExport {
        legend = List.copyOf(legend);
        rows = List.copyOf(rows);
    }

    /** One row: its timestamp (epoch seconds) and one value per legend entry. */
    public record Row(long time, double[] values) {
    }
}
