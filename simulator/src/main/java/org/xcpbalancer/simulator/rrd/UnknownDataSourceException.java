package org.xcpbalancer.simulator.rrd;

/**
 * No such object or data source in the RRD store (xcp-rrdd raises Invalid_data_source / Datasource_missing; the
 * XAPI layer turns this into XAPI's error).
 */
public final class UnknownDataSourceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String dataSource;

    public UnknownDataSourceException(String objectUuid, String dataSource) {
        super("no data source " + dataSource + " for " + objectUuid);
        this.dataSource = dataSource;
    }

    public String dataSource() {
        return dataSource;
    }
}
