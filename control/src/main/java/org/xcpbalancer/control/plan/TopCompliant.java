package org.xcpbalancer.control.plan;

/** The three largest compliant values of a rule's subject: see {@link PredictedPool#topCompliant}. */
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
}
