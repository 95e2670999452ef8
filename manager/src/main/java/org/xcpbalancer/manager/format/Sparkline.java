package org.xcpbalancer.manager.format;

import java.util.List;

/** A one-line chart of values, oldest first: ▁▂▃▄▅▆▇█ scaled between a floor and a ceiling; a gap is a space. */
public final class Sparkline {
    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    private static final char MISSING = ' ';

    private Sparkline() {
    }

    /** Scaled from floor to ceiling (e.g. 0..100 for percent), so two hosts' lines compare. */
    public static String of(List<Double> values, double floor, double ceiling) {
        StringBuilder line = new StringBuilder(values.size());
        double span = ceiling - floor;
        for (Double value : values) {
            if (value == null || value.isNaN()) {
                line.append(MISSING);
                continue;
            }
            double share = span <= 0 ? 1 : (value - floor) / span;
            int index = (int) Math.round(Math.max(0, Math.min(1, share)) * (BARS.length - 1));
            line.append(BARS[index]);
        }
        return line.toString();
    }
}
