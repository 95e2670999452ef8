package org.xcpbalancer.simulator.rrd;

import java.util.function.ToDoubleFunction;

/** A data source: its XAPI name and metadata, and how to read its value from a host or VM sample. */
record DataSourceDef<S>(String name, String description, String units, double min, double max, boolean standard,
                        ToDoubleFunction<S> value) {
}
