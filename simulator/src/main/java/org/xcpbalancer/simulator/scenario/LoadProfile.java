package org.xcpbalancer.simulator.scenario;

import java.time.Duration;
import java.util.List;

/**
 * A CPU demand (per vCPU, 0..1) that may change over simulated time. {@code sinceStart} is the simulated time since
 * the simulator started; negative values (history pre-filled before the start) are allowed and give the value at
 * the start for profiles that do not extend backwards naturally.
 */
public sealed interface LoadProfile
        permits LoadProfile.Constant, LoadProfile.Step, LoadProfile.Sine, RandomWalkLoad {

    /** Demand at this point of simulated time, always within 0..1. */
    double valueAt(Duration sinceStart);

    static LoadProfile constant(double value) {
        return new Constant(value);
    }

    /** A fixed demand. */
    record Constant(double value) implements LoadProfile {
        @Override
        public double valueAt(Duration sinceStart) {
            return value;
        }
    }

    /** Piecewise constant: each step holds from its start until the next one; before the first step, its value. */
    record Step(List<StepPoint> steps) implements LoadProfile {
        public Step {
            steps = List.copyOf(steps);
        }

        @Override
        public double valueAt(Duration sinceStart) {
            double value = steps.get(0).value();
            for (StepPoint step : steps) {
                if (sinceStart.compareTo(step.at()) >= 0) {
                    value = step.value();
                } else {
                    break;
                }
            }
            return value;
        }
    }

    record StepPoint(Duration at, double value) {
    }

    /** mean + amplitude × sin(2π (t + phase) / period), clamped to 0..1. */
    record Sine(double mean, double amplitude, Duration period, Duration phase) implements LoadProfile {
        @Override
        public double valueAt(Duration sinceStart) {
            double t = (sinceStart.toMillis() + phase.toMillis()) / 1000.0;
            double value = mean + amplitude * Math.sin(2 * Math.PI * t / (period.toMillis() / 1000.0));
            return Math.max(0, Math.min(1, value));
        }
    }
}
