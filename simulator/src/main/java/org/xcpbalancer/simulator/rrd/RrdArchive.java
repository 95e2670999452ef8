package org.xcpbalancer.simulator.rrd;

import java.util.Arrays;

/**
 * One round-robin archive (xapi-rrd's RRA) of one object: {@code rows} consolidated rows of {@code pdpCount}
 * primary data points each, consolidated with AVERAGE. As in xapi-rrd with xff 0.5, a row whose primary data points
 * are more than half unknown (NaN) is unknown; otherwise it is the mean of the known ones. Not thread-safe: the
 * store holds the model's lock.
 */
final class RrdArchive {
    private static final double XFF = 0.5;

    private final int pdpCount;
    private final int rows;
    private final int columns;
    private final double[] ring;
    private final long[] times;
    private int newest = -1;
    private final double[] sum;
    private final int[] known;

    RrdArchive(int pdpCount, int rows, int columns) {
        this.pdpCount = pdpCount;
        this.rows = rows;
        this.columns = columns;
        this.ring = new double[rows * columns];
        this.times = new long[rows];
        Arrays.fill(ring, Double.NaN);
        Arrays.fill(times, Long.MIN_VALUE);
        this.sum = new double[columns];
        this.known = new int[columns];
    }

    int pdpCount() {
        return pdpCount;
    }

    int rows() {
        return rows;
    }

    /** Seconds per row. */
    long stepSeconds() {
        return (long) pdpCount * RrdStore.STEP_SECONDS;
    }

    /** Adds the primary data point ending at {@code time}; completes a row when {@code time} is a row boundary. */
    void addPdp(long time, double[] values) {
        for (int c = 0; c < columns; c++) {
            if (!Double.isNaN(values[c])) {
                sum[c] += values[c];
                known[c]++;
            }
        }
        if (Math.floorMod(time, stepSeconds()) == 0) {
            newest = (newest + 1) % rows;
            times[newest] = time;
            int base = newest * columns;
            for (int c = 0; c < columns; c++) {
                int unknown = pdpCount - known[c];
                ring[base + c] = unknown > XFF * pdpCount || known[c] == 0 ? Double.NaN : sum[c] / known[c];
            }
            resetConsolidation();
        }
    }

    /** Stores a finished row directly (history computed without primary data points) and restarts consolidation. */
    void addRow(long time, double[] values) {
        newest = (newest + 1) % rows;
        System.arraycopy(values, 0, ring, newest * columns, columns);
        times[newest] = time;
        resetConsolidation();
    }

    /** Starts the row in progress as if {@code pdps} primary data points of these values had been added. */
    void seed(double[] values, int pdps) {
        for (int c = 0; c < columns; c++) {
            if (!Double.isNaN(values[c]) && pdps > 0) {
                sum[c] = values[c] * pdps;
                known[c] = pdps;
            }
        }
    }

    void resetConsolidation() {
        Arrays.fill(sum, 0);
        Arrays.fill(known, 0);
    }

    /** The row stored for {@code time}, or null when the archive holds none for it. */
    double[] row(long time) {
        if (newest < 0) {
            return null;
        }
        long age = (times[newest] - time) / stepSeconds();
        if (age < 0 || age >= rows || (times[newest] - time) % stepSeconds() != 0) {
            return null;
        }
        int slot = Math.floorMod(newest - (int) age, rows);
        if (times[slot] != time) {
            return null;
        }
        return Arrays.copyOfRange(ring, slot * columns, (slot + 1) * columns);
    }

    /** Value of one column in the newest row, NaN if none. */
    double newestValue(int column) {
        return newest < 0 ? Double.NaN : ring[newest * columns + column];
    }
}
