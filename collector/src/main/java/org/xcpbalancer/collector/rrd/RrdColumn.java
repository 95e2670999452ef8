package org.xcpbalancer.collector.rrd;

/**
 * One legend entry of /rrd_updates, "AVERAGE:host:UUID:cpu0" or "AVERAGE:vm:UUID:memory": the consolidation
 * function, the owner's kind and uuid, and the data source name.
 */
public record RrdColumn(String consolidation, String ownerKind, String ownerUuid, String source) {
    public static final String HOST = "host";
    public static final String VM = "vm";

    /** @throws IllegalArgumentException when the entry does not have four colon-separated parts */
    public static RrdColumn parse(String entry) {
        String[] parts = entry.split(":", 4);
        if (parts.length != 4 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty()) {
            throw new IllegalArgumentException("legend entry \"" + entry + "\" is not CF:KIND:UUID:SOURCE");
        }
        return new RrdColumn(parts[0], parts[1], parts[2], parts[3]);
    }
}
