package org.xcpbalancer.simulator.scenario;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A bounded random walk: every {@code interval} the demand moves by a uniform step in [-maxStep, +maxStep],
 * reflected at min and max. Deterministic for a seed: the value at a time depends only on (seed, time), so two
 * simulators started with the same scenario report the same load. Values are cached as they are computed, so
 * reading forward in time costs one step per interval.
 */
public final class RandomWalkLoad implements LoadProfile {
    private final double start;
    private final double maxStep;
    private final Duration interval;
    private final double min;
    private final double max;
    private final long seed;
    private double[] values = new double[0];
    private SplittableRandom random;

    public RandomWalkLoad(double start, double maxStep, Duration interval, double min, double max, long seed) {
        this.start = start;
        this.maxStep = maxStep;
        this.interval = interval;
        this.min = min;
        this.max = max;
        this.seed = seed;
    }

    public double start() { return start; }
    public double maxStep() { return maxStep; }
    public Duration interval() { return interval; }
    public double min() { return min; }
    public double max() { return max; }
    public long seed() { return seed; }

    @Override
    public synchronized double valueAt(Duration sinceStart) {
        if (sinceStart.isNegative() || sinceStart.isZero()) {
            return start;
        }
        long index = sinceStart.toMillis() / interval.toMillis();
        if (index > Integer.MAX_VALUE - 8) {
            index = Integer.MAX_VALUE - 8;
        }
        extendTo((int) index);
        return values[(int) index];
    }

    private void extendTo(int index) {
        if (index < values.length) {
            return;
        }
        int from = values.length;
        values = Arrays.copyOf(values, Math.max(index + 1, values.length * 2));
        if (from == 0) {
            random = new SplittableRandom(seed);
            values[0] = start;
            from = 1;
        }
        for (int i = from; i < values.length; i++) {
            double next = values[i - 1] + (random.nextDouble() * 2 - 1) * maxStep;
            if (next > max) {
                next = 2 * max - next;
            }
            if (next < min) {
                next = 2 * min - next;
            }
            values[i] = Math.max(min, Math.min(max, next));
        }
    }

    @Override
    public String toString() {
        return "RandomWalkLoad[start=" + start + ", maxStep=" + maxStep + ", interval=" + interval + ", min=" + min
                + ", max=" + max + ", seed=" + seed + "]";
    }
}
