package org.xcpbalancer.collector.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xcpbalancer.collector.CollectionResult;
import org.xcpbalancer.collector.CollectionService;
import org.xcpbalancer.collector.CollectorSettings;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.EmbeddedMariaDb;
import org.xcpbalancer.xapi.XapiSession;

/**
 * Issue 4's performance table: XAPI requests, wall time and database time of one collection of the simulator's
 * 16-host/400-VM and 64-host/2,000-VM pools with 5 ms added to every XAPI call, for xcp-collect and for a
 * baseline that reads the original way ({@link OriginalWayCollector}). Not a test; run it as
 * docs/benchmarks/collector.md says. Arguments: --no-baseline skips the (slow) baseline; --runs N (default 3)
 * collections per pool for xcp-collect, the median is shown.
 */
public final class CollectorBenchmark {
    private static final Duration LATENCY = Duration.ofMillis(5);

    private CollectorBenchmark() {
    }

    record Line(String pool, String collector, long requests, Duration wall, Duration database,
            Map<String, Duration> phases) {
    }

    public static void main(String[] args) throws Exception {
        boolean baseline = !Arrays.asList(args).contains("--no-baseline");
        int runs = Arrays.asList(args).contains("--runs")
                ? Integer.parseInt(args[Arrays.asList(args).indexOf("--runs") + 1]) : 3;
        Path workDir = Files.createTempDirectory("collector-bench");
        List<Line> lines = new ArrayList<>();
        try (EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(workDir, 0, true)) {
            for (String scenario : List.of("pool-16-hosts-400-vms", "pool-64-hosts-2000-vms")) {
                String dbName = scenario.replace('-', '_');
                mariaDb.createDatabase(dbName);
                mariaDb.createDatabase(dbName + "_baseline");
                try (RunningSimulator simulator = SimulatorServer.start(ScenarioLoader.builtin(scenario),
                        SimulatorOptions.defaults().withLatency(LATENCY));
                        Database database = Database.open(mariaDb.settings(dbName));
                        CollectionService service = new CollectionService(database, CollectorSettings.defaults(),
                                Clock.systemUTC())) {
                    XapiSettings xapi = XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root"));
                    String pool = simulator.model().hosts().size() + " hosts / "
                            + simulator.model().vms().stream().filter(v -> v.isGuest()).count() + " VMs";
                    service.collectOnce(xapi, notice -> { }); // warm-up: JIT, connections, first rows
                    List<Line> ours = new ArrayList<>();
                    for (int i = 0; i < runs; i++) {
                        long served = simulator.callCount();
                        CollectionResult result = service.collectOnce(xapi, notice -> { });
                        long requests = simulator.callCount() - served;
                        if (requests != result.xapiRequests()) {
                            throw new IllegalStateException("the simulator served " + requests
                                    + " requests, the collector counted " + result.xapiRequests());
                        }
                        ours.add(new Line(pool, "xcp-collect", requests, result.wallTime(), result.databaseTime(),
                                result.phases()));
                    }
                    ours.sort(Comparator.comparing(Line::wall));
                    lines.add(ours.get(ours.size() / 2));
                    if (baseline) {
                        lines.add(baseline(simulator, xapi, pool, mariaDb, dbName + "_baseline"));
                    }
                }
            }
        }
        print(lines);
    }

    private static Line baseline(RunningSimulator simulator, XapiSettings xapi, String pool, EmbeddedMariaDb mariaDb,
            String dbName) throws Exception {
        try (Database database = Database.open(mariaDb.settings(dbName))) {
            long served = simulator.callCount();
            long start = System.nanoTime();
            List<List<OriginalWayCollector.Row>> rows;
            try (XapiSession session = XapiSession.open(xapi)) {
                rows = OriginalWayCollector.read(session);
            }
            long dbStart = System.nanoTime();
            OriginalWayCollector.write(database, rows);
            long end = System.nanoTime();
            return new Line(pool, "baseline (original way)", simulator.callCount() - served,
                    Duration.ofNanos(end - start), Duration.ofNanos(end - dbStart), Map.of());
        }
    }

    private static void print(List<Line> lines) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s | %-24s | %13s | %9s | %9s | %9s%n", "pool (+5 ms per call)", "collector",
                "XAPI requests", "wall s", "DB s", "speed-up");
        System.out.println("-".repeat(22) + "-|-" + "-".repeat(24) + "-|-" + "-".repeat(13) + "-|-" + "-".repeat(9)
                + "-|-" + "-".repeat(9) + "-|-" + "-".repeat(9));
        for (Line line : lines) {
            Line ours = lines.stream().filter(l -> l.pool().equals(line.pool()) && l.collector().equals("xcp-collect"))
                    .findFirst().orElseThrow();
            String speedUp = line == ours ? "" : String.format(Locale.ROOT, "%.0fx",
                    line.wall().toNanos() / (double) ours.wall().toNanos());
            System.out.printf(Locale.ROOT, "%-22s | %-24s | %13d | %9.2f | %9.2f | %9s%n", line.pool(), line.collector(),
                    line.requests(), line.wall().toMillis() / 1000.0, line.database().toMillis() / 1000.0, speedUp);
        }
        System.out.println();
        System.out.println("xcp-collect, where the wall time goes (median run):");
        for (Line line : lines) {
            if (!line.phases().isEmpty()) {
                StringBuilder phases = new StringBuilder();
                line.phases().forEach((phase, time) -> phases.append(phases.length() == 0 ? "" : ", ").append(phase)
                        .append(String.format(Locale.ROOT, " %.2f", time.toMillis() / 1000.0)));
                System.out.printf(Locale.ROOT, "  %-20s %s%n", line.pool(), phases);
            }
        }
    }
}
