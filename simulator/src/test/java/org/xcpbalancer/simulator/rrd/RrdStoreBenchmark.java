package org.xcpbalancer.simulator.rrd;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import org.xcpbalancer.simulator.SimulatedPool;
import org.xcpbalancer.simulator.model.ManualClock;
import org.xcpbalancer.simulator.model.PoolModel;
import org.xcpbalancer.simulator.model.SimClock;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.scenario.Scenario;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/**
 * What the model and its RRD store cost on the shipped pools: start-up (parse, build, a week of pre-filled
 * history), heap, one 5 s sampling step, and rendering one host's rrd_updates as a collector asks for it.
 * Not a test; run with
 * {@code mvn -B -o -q -pl simulator test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.xcpbalancer.simulator.rrd.RrdStoreBenchmark}. Results: docs/benchmarks/simulator.md.
 */
public final class RrdStoreBenchmark {
    private static final int REPEATS = 5;

    private RrdStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("| Pool | Parse ms | Create ms | Heap MB | 5 s step ms | rrd_updates XML ms (KB) | JSON ms |");
        System.out.println("|------|---------:|----------:|--------:|------------:|------------------------:|--------:|");
        for (String name : new String[] {"paper-unbalanced", "pool-16-hosts-400-vms", "pool-64-hosts-2000-vms"}) {
            measure(name);
        }
    }

    private static void measure(String name) throws Exception {
        double parseMs = Double.MAX_VALUE;
        double createMs = Double.MAX_VALUE;
        double stepMs = Double.MAX_VALUE;
        double xmlMs = Double.MAX_VALUE;
        double jsonMs = Double.MAX_VALUE;
        long heapMb = 0;
        int xmlKb = 0;
        for (int i = 0; i < REPEATS; i++) {
            long t0 = System.nanoTime();
            Scenario scenario = ScenarioLoader.builtin(name);
            long t1 = System.nanoTime();
            ManualClock clock = SimClock.manual(Instant.parse("2026-01-01T12:00:00Z"));
            SimulatedPool simulated = SimulatedPool.create(scenario, clock, 1);
            PoolModel model = simulated.model();
            long t2 = System.nanoTime();
            parseMs = Math.min(parseMs, (t1 - t0) / 1e6);
            createMs = Math.min(createMs, (t2 - t1) / 1e6);

            clock.advance(Duration.ofSeconds(5 * 60));
            long t3 = System.nanoTime();
            simulated.rrd().catchUp();
            stepMs = Math.min(stepMs, (System.nanoTime() - t3) / 1e6 / 60);

            RrdUpdatesRenderer renderer = new RrdUpdatesRenderer(simulated.rrd());
            SimHost busiest = model.hosts().stream()
                    .max(Comparator.comparingInt(h -> model.residentVms(h).size())).orElseThrow();
            long since = clock.now().getEpochSecond() - 60;
            long t4 = System.nanoTime();
            String xml = renderer.xml(busiest, since, 5, true, null);
            long t5 = System.nanoTime();
            renderer.json(busiest, since, 5, true, null);
            long t6 = System.nanoTime();
            xmlMs = Math.min(xmlMs, (t5 - t4) / 1e6);
            jsonMs = Math.min(jsonMs, (t6 - t5) / 1e6);
            xmlKb = xml.length() / 1024;
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            heapMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
        }
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %d | %.2f | %.1f (%d) | %.1f |%n", name, parseMs, createMs,
                heapMb, stepMs, xmlMs, xmlKb, jsonMs);
    }
}
