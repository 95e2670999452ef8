package org.xcpbalancer.control;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.xcpbalancer.control.plan.MigrationPlan;
import org.xcpbalancer.control.plan.PoolSnapshot;
import org.xcpbalancer.control.plan.StrategyChain;

/**
 * What the planning benchmarks measure of one row: warm-up passes (so the JIT has compiled the planning code),
 * then measured passes, each timed, and the bytes the measuring thread allocated over them.
 *
 * @param sortedMillis each measured pass's time, shortest first
 */
record PassTimes(double[] sortedMillis, double allocatedMbPerPass, MigrationPlan lastPlan) {
    static final int WARMUP_PASSES = 10;
    static final int MEASURED_PASSES = 30;

    static PassTimes measure(StrategyChain chain, PoolSnapshot snapshot) {
        MigrationPlan plan = null;
        for (int i = 0; i < WARMUP_PASSES; i++) {
            plan = TestSettings.plan(chain, snapshot);
        }
        double[] millis = new double[MEASURED_PASSES];
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < MEASURED_PASSES; i++) {
            long start = System.nanoTime();
            plan = TestSettings.plan(chain, snapshot);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore;
        Arrays.sort(millis);
        if (Boolean.getBoolean("benchmark.decisions")) {
            plan.decisions().stream().limit(6).forEach(d -> System.out.println("    " + d.line()));
        }
        return new PassTimes(millis, allocated / 1e6 / MEASURED_PASSES, plan);
    }

    /** The pass's own cost: other processes only ever add to a pass's time. */
    double minMillis() {
        return sortedMillis[0];
    }

    double medianMillis() {
        return sortedMillis[sortedMillis.length / 2];
    }

    double maxMillis() {
        return sortedMillis[sortedMillis.length - 1];
    }
}
