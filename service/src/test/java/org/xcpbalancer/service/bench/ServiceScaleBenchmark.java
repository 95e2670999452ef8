package org.xcpbalancer.service.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.state.HostRule;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolStateRepository;
import org.xcpbalancer.core.state.RuleRepository;
import org.xcpbalancer.core.state.RuleSubject;
import org.xcpbalancer.service.ServiceMain;
import org.xcpbalancer.service.SimulatedPools;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.testkit.EmbeddedMariaDb;

/**
 * docs/benchmarks/service.md: N simulated pools of 16 hosts / 400 VMs (real time) in this JVM, collected and
 * controlled every 60 s by xcp-service instances in JVMs of their own (-Xmx1g), against an embedded MariaDB.
 * Measures each instance's CPU (from /proc, after a warm-up), heap used after GC-sampling (jstat), each pool's
 * collection time and the age of each pool's newest collection.
 *
 * <p>Arguments: [pools (50)] [instances (1)] [minutes measured (4)].
 */
public final class ServiceScaleBenchmark {
    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final Duration WARM_UP = Duration.ofSeconds(90);
    private static final Duration SAMPLE = Duration.ofSeconds(10);

    private ServiceScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pools = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Duration measured = Duration.ofMinutes(args.length > 2 ? Integer.parseInt(args[2]) : 4);
        Path work = Files.createTempDirectory("xcp-service-bench");
        List<RunningSimulator> simulators = new ArrayList<>();
        List<Process> services = new ArrayList<>();
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(work.resolve("db"), 0, true)) {
            server.createDatabase("bench");
            Database database = Database.open(server.settings("bench"));
            Path poolsDir = Files.createDirectories(work.resolve("pools.d"));
            for (int i = 1; i <= pools; i++) {
                RunningSimulator simulator = SimulatedPools.start("pool-16-hosts-400-vms", "Pool b" + i, 1);
                simulators.add(simulator);
                SimulatedPools.poolFile(poolsDir, "b" + i, simulator, "60s", "60s", "");
            }
            for (int i = 1; i <= instances; i++) {
                Path settings = work.resolve("service" + i + ".properties");
                Files.writeString(settings, "db.url=" + server.jdbcUrl("bench") + "\ndb.username=root\n"
                        + "db.maxPoolSize=16\nservice.poolsDirectory=" + poolsDir + "\nservice.instanceName=b" + i + "\n");
                services.add(new ProcessBuilder(javaCommand(settings)).redirectErrorStream(true)
                        .redirectOutput(work.resolve("service" + i + ".log").toFile()).start());
            }
            System.out.printf(Locale.ROOT, "%d pools, %d instance(s); warm-up %d s, then %d s measured%n", pools,
                    instances, WARM_UP.toSeconds(), measured.toSeconds());
            Thread.sleep(WARM_UP.toMillis() / 2);
            for (PoolRef pool : new PoolStateRepository(database).pools()) {
                new RuleRepository(database).save(pool.id(), new HostRule(RuleSubject.CpuAverage, 80));
            }
            Thread.sleep(WARM_UP.toMillis() / 2);
            double[] cpuStart = new double[instances];
            for (int i = 0; i < instances; i++) {
                cpuStart[i] = cpuSeconds(services.get(i).pid());
            }
            long start = System.nanoTime();
            double[] heapMax = new double[instances];
            double worstAgeSeconds = 0;
            int samples = 0;
            while (System.nanoTime() - start < measured.toNanos()) {
                Thread.sleep(SAMPLE.toMillis());
                for (int i = 0; i < instances; i++) {
                    heapMax[i] = Math.max(heapMax[i], heapUsedMb(services.get(i).pid()));
                }
                worstAgeSeconds = Math.max(worstAgeSeconds, oldestDataAgeSeconds(database, pools));
                samples++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (int i = 0; i < instances; i++) {
                double cores = (cpuSeconds(services.get(i).pid()) - cpuStart[i]) / elapsed;
                Record owned = database.dsl().fetchOne("SELECT COUNT(*) FROM PoolLease WHERE Owner = ? AND ExpiresAt > NOW(3)", "b" + (i + 1));
                System.out.printf(Locale.ROOT, "instance b%d: %d pools, CPU %.3f cores (average over %.0f s), heap used at most %.0f MiB (-Xmx1g)%n",
                        i + 1, owned.get(0, Integer.class), cores, elapsed, heapMax[i]);
            }
            Record times = database.dsl().fetchOne("SELECT AVG(TIMESTAMPDIFF(MICROSECOND, StartedAt, FinishedAt)) / 1e6, "
                    + "MAX(TIMESTAMPDIFF(MICROSECOND, StartedAt, FinishedAt)) / 1e6, COUNT(*), SUM(Outcome = 'failed') "
                    + "FROM CollectionRun WHERE FinishedAt IS NOT NULL");
            System.out.printf(Locale.ROOT, "collections: %d (%d failed); time per pool: average %.2f s, worst %.2f s%n",
                    times.get(2, Long.class), times.get(3, Long.class), times.get(0, Double.class), times.get(1, Double.class));
            System.out.printf(Locale.ROOT, "data age: oldest pool's newest collection at most %.0f s old over %d samples "
                    + "(target < %d s)%n", worstAgeSeconds, samples, INTERVAL.multipliedBy(2).toSeconds());
            Record control = database.dsl().fetchOne("SELECT COUNT(*), AVG(TIMESTAMPDIFF(MICROSECOND, StartedAt, FinishedAt)) / 1e6 "
                    + "FROM ControlRun WHERE FinishedAt IS NOT NULL");
            System.out.printf(Locale.ROOT, "control runs: %d, average %.2f s; migrations launched: %d%n",
                    control.get(0, Long.class), control.get(1, Double.class), database.dsl().fetchOne(
                            "SELECT COUNT(*) FROM Migration WHERE LaunchedAt IS NOT NULL").get(0, Long.class));
            for (int i = 0; i < instances; i++) {
                System.out.printf(Locale.ROOT, "instance b%d: heap live after a full GC %.0f MiB%n", i + 1,
                        liveHeapMb(services.get(i).pid()));
            }
            stop(services); // before the database goes
            database.close();
        } finally {
            stop(services);
            simulators.forEach(RunningSimulator::close);
        }
    }

    private static void stop(List<Process> services) throws InterruptedException {
        for (Process service : services) {
            if (!service.isAlive()) {
                continue;
            }
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
            System.out.println("service exit code on SIGTERM: " + (service.isAlive() ? "killed" : service.exitValue()));
        }
    }

    /** Heap in use right after a full GC (jcmd GC.run): what the service really keeps. */
    static double liveHeapMb(long pid) throws IOException, InterruptedException {
        new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        return heapUsedMb(pid);
    }

    private static List<String> javaCommand(Path settings) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), ServiceMain.class.getName(), "--settings", settings.toString());
    }

    /** User + system CPU seconds of a process, from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** Heap in use (survivors, eden, old) in MiB, from jstat -gc. */
    static double heapUsedMb(long pid) throws IOException, InterruptedException {
        Process jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).redirectErrorStream(true).start();
        String[] lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().split("\n");
        jstat.waitFor();
        if (lines.length < 2) {
            return 0;
        }
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[1].trim().split("\\s+");
        double kb = 0;
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                kb += Double.parseDouble(values[i]);
            }
        }
        return kb / 1024;
    }

    /** The age of the oldest "newest successful collection" over the pools (a pool never collected counts as infinite). */
    static double oldestDataAgeSeconds(Database database, int pools) {
        Record row = database.dsl().fetchOne("SELECT COUNT(*), MAX(age) FROM (SELECT TIMESTAMPDIFF(MICROSECOND, "
                + "MAX(FinishedAt), UTC_TIMESTAMP(3)) / 1e6 AS age FROM CollectionRun WHERE Outcome <> 'failed' "
                + "AND PoolId IS NOT NULL GROUP BY PoolId) a");
        return row.get(0, Integer.class) < pools ? Double.POSITIVE_INFINITY : row.get(1, Double.class);
    }
}
