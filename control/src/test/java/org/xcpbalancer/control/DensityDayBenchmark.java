package org.xcpbalancer.control;

import static org.xcpbalancer.core.db.generated.Tables.HOSTPOWERACTION;
import static org.xcpbalancer.core.db.generated.Tables.MIGRATION;

import com.xensource.xenapi.Host;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.collector.CollectionService;
import org.xcpbalancer.collector.CollectorSettings;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.execute.ProgressReporter;
import org.xcpbalancer.control.execute.XapiMigrationGateway;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.xapi.XapiSession;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.model.HostPower;
import org.xcpbalancer.simulator.model.SimHost;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.EmbeddedMariaDb;

/**
 * A day of sine-shaped load (night low, afternoon high) on an 8-host pool at --speed, collected and controlled
 * every 5 minutes of pool time as cron or xcp-service would, twice: in density mode and, as the all-on baseline,
 * with balancing only. Prints one table (docs/benchmarks/density.md). Not a test: surefire skips *Benchmark.
 * Arguments: speed (default 200), hours (24), control interval in minutes (5).
 */
public final class DensityDayBenchmark {
    private static final int HOSTS = 8;
    private static final int VMS_PER_HOST = 5;
    private static final double RULE_POINTS = 20;

    private DensityDayBenchmark() {
    }

    /** What one simulated day gave. */
    record Day(String name, double energyWh, int migrations, int powerOffs, int powerOns, int mostHostsOff,
            int minutesOverRule, int longestViolationRuns, int vmsMovedTwiceInCooldown, int runs, int lateRuns,
            List<String> hourly) {
    }

    public static void main(String[] args) throws Exception {
        double speed = args.length > 0 ? Double.parseDouble(args[0]) : 200;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        Duration interval = Duration.ofMinutes(args.length > 2 ? Integer.parseInt(args[2]) : 5);
        Path work = Files.createTempDirectory("xcp-density-bench");
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(work.resolve("db"), 0, true)) {
            server.createDatabase("bench");
            try (Database database = Database.open(server.settings("bench"))) {
                List<String> common = List.of("control.maxMigrationsPerRun=15", "control.holdSamples=2",
                        "control.maxDataAge=15m", "control.migrationTimeout=1h");
                Day density = day("density", database, speed, hours, interval, common,
                        "control.strategies=constraint-repair,rule-deviation,density", "control.mode=density");
                Day allOn = day("all on (balancing only)", database, speed, hours, interval, common,
                        "control.strategies=constraint-repair,rule-deviation");
                print(speed, hours, interval, density, allOn);
            }
        }
    }

    static String scenario() {
        StringBuilder json = new StringBuilder("{\"pool\": \"Day\", \"hosts\": [");
        for (int h = 1; h <= HOSTS; h++) {
            int idle = h <= HOSTS / 2 ? 160 : 110;
            json.append(h == 1 ? "" : ",").append(String.format(Locale.ROOT, "{\"name\": \"Host%d\", \"cpus\": 16,"
                    + " \"memoryMb\": 65536, \"idleWatts\": %d, \"maxWatts\": %d%s}", h, idle, idle + 250,
                    h == 1 ? ", \"master\": true" : ""));
        }
        json.append("], \"vms\": [");
        for (int h = 1; h <= HOSTS; h++) {
            for (int v = 1; v <= VMS_PER_HOST; v++) {
                json.append(h == 1 && v == 1 ? "" : ",").append(String.format(Locale.ROOT, "{\"name\": \"vm%d-%d\","
                        + " \"host\": \"Host%d\", \"vcpus\": 4, \"memoryMb\": 4096, \"cpu\": {\"profile\": \"sine\","
                        + " \"mean\": 0.3, \"amplitude\": 0.28, \"periodSeconds\": 86400, \"phaseSeconds\": 64800}}",
                        h, v, h));
            }
        }
        return json.append("]}").toString();
    }

    private static Day day(String name, Database database, double speed, int hours, Duration interval,
            List<String> common, String... mode) throws Exception {
        ControlledPool.wipe(database);
        List<String> lines = new ArrayList<>(common);
        lines.addAll(List.of(mode));
        StrategyChain chain = TestSettings.chain(lines.toArray(String[]::new));
        try (RunningSimulator simulator = SimulatorServer.start(ScenarioLoader.parse(scenario(), "day"),
                SimulatorOptions.defaults().withSpeed(speed))) {
            XapiSettings xapi = XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root"));
            wakeable(simulator, xapi);
            Clock pool = simulator.model().clock().asJavaClock();
            Instant start = pool.instant();
            Instant end = start.plus(Duration.ofHours(hours));
            double startWh = energyWh(simulator);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            // The executor polls tasks in real time: 100 ms (the least allowed) is a minute of pool time at 600x.
            ControlService control = new ControlService(database, chain, new MigrationExecutor.Limits(2,
                    Duration.ofHours(1), Duration.ofMillis(100)), () -> XapiMigrationGateway.open(xapi), quiet,
                    ProgressReporter.lines(quiet), pool);
            int runs = 0;
            int overRuns = 0;
            int overCount = 0;
            int late = 0;
            int longest = 0;
            int mostOff = 0;
            List<String> hourly = new ArrayList<>();
            boolean ruled = false;
            for (Instant next = start; next.isBefore(end); next = next.plus(interval)) {
                simulator.model().clock().sleepUntil(next);
                if (Duration.between(next, pool.instant()).compareTo(interval.dividedBy(2)) > 0) {
                    late++;
                }
                try (CollectionService collector = new CollectionService(database, CollectorSettings.defaults(), pool)) {
                    collector.collectOnce(xapi, notice -> { });
                }
                if (!ruled) {
                    new RuleRepository(database).save(new PoolStateRepository(database).pools().get(0).id(),
                            new HostRule(RuleSubject.CpuAverage, RULE_POINTS));
                    ruled = true;
                }
                boolean over = overRule(simulator);
                overRuns = over ? overRuns + 1 : 0;
                overCount += over ? 1 : 0;
                longest = Math.max(longest, overRuns);
                control.runOnce(Optional.empty(), false);
                runs++;
                int off = (int) simulator.model().hosts().stream().filter(h -> h.power() != HostPower.RUNNING).count();
                mostOff = Math.max(mostOff, off);
                long minute = Duration.between(start, next).toMinutes();
                if (minute % 60 == 0) {
                    hourly.add(String.format(Locale.ROOT, "%02d:00 (pool +%3.0f min)  load %3.0f %%  hosts on %d  %5.0f W",
                            minute / 60, Duration.between(start, pool.instant()).toSeconds() / 60.0,
                            poolLoadPercent(simulator), HOSTS - off, watts(simulator)));
                }
            }
            int[] power = powerActions(database);
            return new Day(name, energyWh(simulator) - startWh, migrations(database), power[0], power[1], mostOff,
                    (int) (overCount * interval.toMinutes()), longest,
                    movedTwice(database, Duration.ofMinutes(30)), runs, late, hourly);
        }
    }

    /** Every host may be woken again: power_on_mode set through the SDK, as an administrator does once. */
    private static void wakeable(RunningSimulator simulator, XapiSettings xapi) throws Exception {
        try (XapiSession admin = XapiSession.open(xapi)) {
            for (SimHost host : simulator.model().hosts()) {
                admin.call("host.set_power_on_mode", c -> {
                    Host.getByUuid(c, host.uuid()).setPowerOnMode(c, "wake-on-lan", Map.of());
                    return null;
                });
            }
        }
    }

    /** Whether a powered host's CPU is more than the rule's points above the average of the powered hosts. */
    private static boolean overRule(RunningSimulator simulator) {
        List<Double> loads = simulator.model().hosts().stream().filter(h -> h.power() == HostPower.RUNNING)
                .map(h -> simulator.model().hostLoad(h).cpuAvg() * 100).toList();
        double average = loads.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return loads.stream().anyMatch(l -> l - average > RULE_POINTS);
    }

    private static double poolLoadPercent(RunningSimulator simulator) {
        double cores = 0;
        for (SimHost host : simulator.model().hosts()) {
            if (host.power() == HostPower.RUNNING) {
                cores += simulator.model().hostLoad(host).cpuAvg() * host.cpuCount();
            }
        }
        return cores * 100 / (HOSTS * 16.0);
    }

    private static double watts(RunningSimulator simulator) {
        return simulator.model().hosts().stream().mapToDouble(simulator.model()::hostWatts).sum();
    }

    private static double energyWh(RunningSimulator simulator) {
        return simulator.model().hosts().stream().mapToDouble(simulator.model()::hostEnergyWh).sum();
    }

    private static int migrations(Database database) {
        return database.dsl().fetchCount(MIGRATION, MIGRATION.State.eq("succeeded"));
    }

    private static int[] powerActions(Database database) {
        int off = database.dsl().fetchCount(HOSTPOWERACTION, HOSTPOWERACTION.Action.eq("power_off")
                .and(HOSTPOWERACTION.State.eq("done")));
        int on = database.dsl().fetchCount(HOSTPOWERACTION, HOSTPOWERACTION.Action.eq("power_on"));
        return new int[] {off, on};
    }

    /** VMs with two successful migrations started less than the cooldown apart. */
    private static int movedTwice(Database database, Duration cooldown) {
        Map<String, Instant> last = new HashMap<>();
        java.util.Set<String> twice = new java.util.HashSet<>();
        database.dsl().select(MIGRATION.VmUuid, MIGRATION.LaunchedAt).from(MIGRATION)
                .where(MIGRATION.State.eq("succeeded")).orderBy(MIGRATION.LaunchedAt).forEach(r -> {
                    Instant at = r.value2().toInstant(ZoneOffset.UTC);
                    Instant before = last.put(r.value1(), at);
                    if (before != null && Duration.between(before, at).compareTo(cooldown) < 0) {
                        twice.add(r.value1());
                    }
                });
        return twice.size();
    }

    private static void print(double speed, int hours, Duration interval, Day density, Day allOn) {
        System.out.printf(Locale.ROOT, "%d-host pool, %d VMs, %dh of pool time at --speed %.0f, collect + control every %s%n",
                HOSTS, HOSTS * VMS_PER_HOST, hours, speed, interval);
        System.out.println("| run | energy kWh | saved vs all-on | migrations | power offs / ons | most hosts off |"
                + " minutes a host was over its rule | longest violation (runs) | VMs moved twice within 30m |"
                + " control runs (late) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Day day : List.of(density, allOn)) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f %% | %d | %d / %d | %d | %d | %d | %d | %d (%d) |%n",
                    day.name(), day.energyWh() / 1000, (allOn.energyWh() - day.energyWh()) * 100 / allOn.energyWh(),
                    day.migrations(), day.powerOffs(), day.powerOns(), day.mostHostsOff(), day.minutesOverRule(),
                    day.longestViolationRuns(), day.vmsMovedTwiceInCooldown(), day.runs(), day.lateRuns());
        }
        System.out.println();
        System.out.println("density mode, hour by hour:");
        density.hourly().forEach(System.out::println);
    }
}
