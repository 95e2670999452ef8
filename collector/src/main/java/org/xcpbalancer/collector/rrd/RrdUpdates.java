package org.xcpbalancer.collector.rrd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed /rrd_updates answer: its columns and rows (in the order sent: newest first on XAPI).
 *
 * @param stepSeconds the archive's step (5 for the finest)
 * @param endEpochSeconds meta/end
 */
public record RrdUpdates(long stepSeconds, long endEpochSeconds, List<RrdColumn> columns, List<Row> rows) {

    public RrdUpdates {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** One row: its time and one value per column; NaN where the source had no value. */
    public record Row(long epochSeconds, double[] values) {
    }

    /**
     * The newest known value of every column: per owner uuid (host or VM), per data source. A column whose rows
     * are all NaN is left out, so a missing value reads as null, never as zero.
     */
    public LatestValues latest() {
        List<Row> newestFirst = new ArrayList<>(rows);
        newestFirst.sort(Comparator.comparingLong(Row::epochSeconds).reversed());
        Map<String, Map<String, Double>> values = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            RrdColumn column = columns.get(c);
            for (Row row : newestFirst) {
                if (c < row.values().length && Double.isFinite(row.values()[c])) {
                    values.computeIfAbsent(column.ownerUuid(), k -> new HashMap<>()).put(column.source(), row.values()[c]);
                    break;
                }
            }
        }
        return new LatestValues(newestFirst.isEmpty() ? null : Instant.ofEpochSecond(newestFirst.get(0).epochSeconds()),
                values);
    }

    /** Newest values per owner uuid and data source name, and the time of the newest row. */
    public record LatestValues(Instant sampledAt, Map<String, Map<String, Double>> byOwner) {
        public LatestValues {
            Map<String, Map<String, Double>> copy = new HashMap<>();
            byOwner.forEach((owner, sources) -> copy.put(owner, Map.copyOf(sources)));
            byOwner = Map.copyOf(copy);
        }

        /** The data sources of one host or VM; empty when the answer had none. */
        public Map<String, Double> of(String ownerUuid) {
            return byOwner.getOrDefault(ownerUuid, Map.of());
        }
    }
}
