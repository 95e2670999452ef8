package org.xcpbalancer.core.state;

/**
 * HostSample.Resolution and VmSample.Resolution: the collector appends a raw sample per collection, and the
 * thinner turns raw samples past collect.rawRetention into one average per hour.
 */
public enum SampleResolution {
    /** One sample per collection. */
    RAW("raw"),
    /** The average of an hour's raw samples. */
    HOURLY("hour");

    private final String dbValue;

    SampleResolution(String dbValue) {
        this.dbValue = dbValue;
    }

    /** The value stored in the Resolution column. */
    public String dbValue() {
        return dbValue;
    }
}
