package org.xcpbalancer.control.plan;

import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.RulePart;

/** The three largest compliant values of a one-part rule: see {@link #of}. */
public record TopCompliant(int[] index, double[] value) {
    /** The largest compliant value of a host other than the two given, or NaN. */
    public double largestExcept(int first, int second) {
        for (int slot = 0; slot < 3; slot++) {
            if (index[slot] >= 0 && index[slot] != first && index[slot] != second) {
                return value[slot];
            }
        }
        return Double.NaN;
    }

    /**
     * The three largest values of a one-part rule (a single subject or a score) among hosts that do not violate
     * it now. After a move only the average
     * changes for hosts other than its source and destination, so the largest of these (skipping the two) is
     * the one that could start violating; computed once per search instead of once per candidate.
     */
    public static TopCompliant of(PredictedPool pool, HostRule rule) {
        int[] top = {-1, -1, -1};
        double[] topValue = {Double.NaN, Double.NaN, Double.NaN};
        RulePart part = rule.parts().get(0);
        for (int h = 0; h < pool.hostCount(); h++) {
            double v = pool.value(part, h);
            if (Double.isNaN(v) || pool.violates(rule, h)) {
                continue;
            }
            for (int slot = 0; slot < 3; slot++) {
                if (top[slot] < 0 || v > topValue[slot]) {
                    for (int move = 2; move > slot; move--) {
                        top[move] = top[move - 1];
                        topValue[move] = topValue[move - 1];
                    }
                    top[slot] = h;
                    topValue[slot] = v;
                    break;
                }
            }
        }
        return new TopCompliant(top, topValue);
    }
}
