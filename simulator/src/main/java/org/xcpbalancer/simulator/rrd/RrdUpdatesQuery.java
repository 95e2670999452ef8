package org.xcpbalancer.simulator.rrd;

import static org.xcpbalancer.simulator.rrd.RrdStore.STEP_SECONDS;
import static org.xcpbalancer.simulator.rrd.RrdStore.TIMESCALES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads one rrd_updates reply out of chosen archives, as xapi-rrd's Rrd_updates.create_multi does. */
final class RrdUpdatesQuery {

    private RrdUpdatesQuery() {
    }

    /**
     * @param prefixes    the legend prefix of each archive ("host:UUID:", "vm:UUID:")
     * @param lastPdpTime the newest primary data point of the store
     * @param start       epoch seconds; negative means relative to {@code lastPdpTime}
     * @param interval    seconds the caller wants per row
     */
    static RrdUpdatesExport export(List<String> prefixes, List<ObjectRrd> selected, long lastPdpTime, long start,
                                   long interval) {
        long absoluteStart = start < 0 ? start + lastPdpTime : start;
        int archive = chooseArchive(lastPdpTime, absoluteStart, interval / STEP_SECONDS);
        long step = (long) TIMESCALES[archive][0] * STEP_SECONDS;
        int rowCount = TIMESCALES[archive][1];
        long lastCdpTime = Math.floorDiv(lastPdpTime, step) * step;
        long firstCdpTime = Math.floorDiv(absoluteStart, step) * step + step;
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            for (String ds : selected.get(i).dsNames()) {
                legend.add("AVERAGE:" + prefixes.get(i) + ds);
            }
        }
        List<RrdUpdatesExport.Row> rows = new ArrayList<>();
        for (int i = 0; i < rowCount; i++) {
            long time = lastCdpTime - i * step;
            if (time < absoluteStart) {
                break;
            }
            double[] values = new double[legend.size()];
            int column = 0;
            for (ObjectRrd rrd : selected) {
                double[] row = rrd.archive(archive).row(time);
                int width = rrd.dsNames().size();
                if (row == null) {
                    Arrays.fill(values, column, column + width, Double.NaN);
                } else {
                    System.arraycopy(row, 0, values, column, width);
                }
                column += width;
            }
            rows.add(new RrdUpdatesExport.Row(time, values));
        }
        return new RrdUpdatesExport(firstCdpTime, step, lastCdpTime, legend, rows);
    }

    /** xapi-rrd's find_best_rras for the (single, AVERAGE) archives of the simulator. */
    private static int chooseArchive(long lastPdpTime, long start, long pdpInterval) {
        for (int i = 0; i < TIMESCALES.length; i++) {
            long oldest = lastPdpTime - (long) STEP_SECONDS * TIMESCALES[i][0] * TIMESCALES[i][1];
            if (TIMESCALES[i][0] >= pdpInterval && start > oldest) {
                return i;
            }
        }
        int longest = TIMESCALES.length - 1;
        if (TIMESCALES[longest][0] < pdpInterval) {
            throw new NoRraAvailableException("no archive has rows of " + pdpInterval * STEP_SECONDS + " s or more");
        }
        return longest;
    }
}
