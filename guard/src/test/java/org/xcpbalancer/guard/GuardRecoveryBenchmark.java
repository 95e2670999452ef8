package org.xcpbalancer.guard;

import static org.xcpbalancer.core.db.generated.Tables.GUARDHOST;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.db.UtcTime;
import org.xcpbalancer.core.service.IntervalLoop;
import org.xcpbalancer.core.settings.Secret;
import org.xcpbalancer.core.settings.XapiSettings;
import org.xcpbalancer.guard.act.ActionFence;
import org.xcpbalancer.guard.act.SdkGuardXapi;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.PowerState;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;
import org.xcpbalancer.testkit.EmbeddedMariaDb;
import org.xcpbalancer.xapi.XapiSession;

/**
 * docs/benchmarks/guard.md: detection and recovery time after a host death on HostDeathTest's 4-host pool, in real
 * time (simulator at speed 1), the guard checking every 10 s (the default interval) with guard.deadChecks 3 and a
 * fence command hitting the simulator's fence endpoint. Each run kills host C at a random moment of the guard's
 * interval; detection is C's GuardHost.DeclaredDeadAt less the death, recovery the moment XAPI records every
 * protected VM of C running on another host, less the death.
 *
 * <p>Arguments: [runs (5)] [interval seconds (10)].
 */
public final class GuardRecoveryBenchmark {
    private static final List<String> PROTECTED = List.of("db", "web", "tagged", "batch");

    private GuardRecoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Duration interval = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        Random random = new Random(15);
        Path work = Files.createTempDirectory("xcp-guard-bench");
        List<double[]> results = new ArrayList<>();
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(work.resolve("db"), 0, true)) {
            server.createDatabase("bench");
            try (Database database = Database.open(server.settings("bench"))) {
                System.out.printf(Locale.ROOT, "| run | death at (s into the interval) | detection s | all protected VMs running s |%n");
                System.out.printf(Locale.ROOT, "|-----|------|------|------|%n");
                for (int run = 1; run <= runs; run++) {
                    double[] r = oneRun(database, interval, random.nextDouble());
                    results.add(r);
                    System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f |%n", run, r[0], r[1], r[2]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%ndetection: median %.1f s, max %.1f s; recovery: median %.1f s, max %.1f s%n",
                median(results, 1), max(results, 1), median(results, 2), max(results, 2));
        System.exit(0);
    }

    /** One death: {phase s, detection s, recovery s}. */
    private static double[] oneRun(Database database, Duration interval, double phase) throws Exception {
        GuardedPool.wipe(database);
        try (RunningSimulator simulator = SimulatorServer.start(ScenarioLoader.parse(HostDeathTest.POOL, "bench"),
                SimulatorOptions.defaults())) {
            XapiSettings xapi = XapiSettings.plain(simulator.masterUrl(), "root", Secret.of("root"));
            GuardSettings settings = GuardedPool.settings(3, GuardedPool.fenceCommand(simulator.port()));
            GuardService service = new GuardService(database, () -> new SdkGuardXapi(XapiSession.open(xapi)), settings,
                    GuardStages.standard(settings), ActionFence.NONE, "bench", Clock.systemUTC(), line -> { });
            IntervalLoop loop = new IntervalLoop("xcp-guard", interval, new PrintStream(OutputStream.nullOutputStream()),
                    System.err);
            Thread guard = new Thread(() -> loop.run(Integer.MAX_VALUE, () -> service.checkOnce(Optional.empty(), false)),
                    "guard");
            long loopStart = System.nanoTime();
            guard.start();
            // two healthy checks first, then the death at a random moment of an interval
            long deathNanos = loopStart + interval.toNanos() * 2 + (long) (interval.toNanos() * phase);
            Thread.sleep(Math.max(0, (deathNanos - System.nanoTime()) / 1_000_000));
            Instant death = Instant.now();
            simulator.admin().killHost("C");
            Instant allRunning = null;
            while (allRunning == null && Duration.between(death, Instant.now()).toSeconds() < 180) {
                Thread.sleep(100);
                if (allProtectedRunElsewhere(simulator)) {
                    allRunning = Instant.now();
                }
            }
            loop.stopAndWait(Duration.ofSeconds(60));
            service.close();
            LocalDateTime declared = database.dsl().select(GUARDHOST.DeclaredDeadAt).from(GUARDHOST)
                    .where(GUARDHOST.HostName.eq("C")).fetchOne(GUARDHOST.DeclaredDeadAt);
            double detection = declared == null ? Double.NaN : seconds(death, UtcTime.toInstant(declared));
            double recovery = allRunning == null ? Double.NaN : seconds(death, allRunning);
            return new double[] {phase * interval.toSeconds(), detection, recovery};
        }
    }

    private static boolean allProtectedRunElsewhere(RunningSimulator simulator) {
        for (String name : PROTECTED) {
            var vm = simulator.admin().vm(name);
            if (vm.powerState() != PowerState.RUNNING || vm.residentOn() == null
                    || "C".equals(vm.residentOn().name())) {
                return false;
            }
        }
        return true;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double max(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).max().orElse(Double.NaN);
    }
}
