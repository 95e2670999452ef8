package org.xcpbalancer.simulator.rrd;

/**
 * One entry of host.get_data_sources / VM.get_data_sources (XAPI's data_source record).
 *
 * @param value the latest 5 s average
 */
public record DataSourceInfo(
        String nameLabel,
        String nameDescription,
        boolean enabled,
        boolean standard,
        double min,
        double max,
        String units,
        double value) {
}
