package org.xcpbalancer.simulator.bench;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.HostMetrics;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.VM;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.xcpbalancer.simulator.RunningSimulator;
import org.xcpbalancer.simulator.SimulatorOptions;
import org.xcpbalancer.simulator.SimulatorServer;
import org.xcpbalancer.simulator.scenario.ScenarioLoader;

/**
 * 32 clients in parallel, each with its own SDK connection and session, against the 64-host / 2,000-VM pool.
 * Prints one row per workload: calls, errors, wall time, calls per second, mean latency.
 * <pre>
 * mvn -B -o -q -pl simulator -am install -DskipTests
 * mvn -B -o -q -pl simulator exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.xcpbalancer.simulator.bench.SimulatorBenchmark
 * </pre>
 */
public final class SimulatorBenchmark {

    private static final int CLIENTS = 32;
    private static final int CALLS_PER_CLIENT = 1_000;
    private static final Path SCENARIO = Path.of("scenarios", "pool-64-hosts-2000-vms.json");

    /** One client's work: {@code calls} calls on its own connection. */
    private interface Workload {
        void run(Connection connection, Random random, int calls) throws Exception;
    }

    private record Row(String name, long calls, long errors, Duration wall) {
    }

    private static List<VM> vms;
    private static List<Host> hosts;
    private static List<HostMetrics> hostMetrics;

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path scenarioFile = SCENARIO.toFile().exists() ? SCENARIO : Path.of("simulator").resolve(SCENARIO);
        try (RunningSimulator simulator = SimulatorServer.start(ScenarioLoader.load(scenarioFile),
                SimulatorOptions.defaults())) {
            Connection setup = login(simulator);
            Map<VM, VM.Record> records = VM.getAllRecords(setup);
            vms = new ArrayList<>();
            records.forEach((vm, record) -> {
                if (!record.isATemplate && !record.isControlDomain
                        && record.powerState == com.xensource.xenapi.Types.VmPowerState.RUNNING) {
                    vms.add(vm);
                }
            });
            hosts = new ArrayList<>(Host.getAll(setup));
            hostMetrics = new ArrayList<>();
            for (Host host : hosts) {
                hostMetrics.add(host.getMetrics(setup));
            }
            System.out.printf("pool: %d hosts, %d VM objects (%d running guests); %d clients%n%n", hosts.size(),
                    records.size(), vms.size(), CLIENTS);

            List<Row> rows = new ArrayList<>();
            rows.add(measure(simulator, "warm-up (mixed, discarded)", 200, SimulatorBenchmark::mixed));
            rows.clear();
            rows.add(measure(simulator, "VM.get_record", CALLS_PER_CLIENT,
                    (c, r, n) -> repeat(n, () -> vms.get(r.nextInt(vms.size())).getRecord(c))));
            rows.add(measure(simulator, "host.query_data_source cpu_avg", CALLS_PER_CLIENT,
                    (c, r, n) -> repeat(n, () -> hosts.get(r.nextInt(hosts.size())).queryDataSource(c, "cpu_avg"))));
            rows.add(measure(simulator, "mixed getters (VM/host/metrics/RRD)", CALLS_PER_CLIENT,
                    SimulatorBenchmark::mixed));
            rows.add(measure(simulator, "rrd_updates (one host, 60 s)", CALLS_PER_CLIENT / 10,
                    (c, r, n) -> rrdUpdates(simulator, c, r, n)));
            rows.add(measure(simulator, "VM.get_all_records (2,128 VMs)", 2,
                    (c, r, n) -> repeat(n, () -> VM.getAllRecords(c))));
            print(rows);
        }
    }

    private static void mixed(Connection connection, Random random, int calls) throws Exception {
        for (int i = 0; i < calls; i++) {
            switch (i % 4) {
                case 0 -> vms.get(random.nextInt(vms.size())).getRecord(connection);
                case 1 -> hosts.get(random.nextInt(hosts.size())).getRecord(connection);
                case 2 -> hostMetrics.get(random.nextInt(hostMetrics.size())).getRecord(connection);
                default -> vms.get(random.nextInt(vms.size())).queryDataSource(connection, "cpu0");
            }
        }
    }

    private static void rrdUpdates(RunningSimulator simulator, Connection connection, Random random, int calls)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> addresses = new ArrayList<>();
        simulator.model().hosts().forEach(h -> addresses.add(h.address()));
        for (int i = 0; i < calls; i++) {
            URI uri = URI.create(simulator.hostUrl(addresses.get(random.nextInt(addresses.size()))) + "/rrd_updates?session_id="
                    + connection.getSessionReference() + "&start=" + (Instant.now().getEpochSecond() - 60)
                    + "&cf=AVERAGE&interval=5&host=true");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("rrd_updates answered " + response.statusCode());
            }
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void repeat(int times, Call call) throws Exception {
        for (int i = 0; i < times; i++) {
            call.run();
        }
    }

    private static Connection login(RunningSimulator simulator) throws Exception {
        Connection connection = new Connection(simulator.masterUrl().toURL(), 60, 5);
        Session.loginWithPassword(connection, "root", "root", "2.15", "benchmark");
        return connection;
    }

    private static Row measure(RunningSimulator simulator, String name, int callsPerClient, Workload workload)
            throws Exception {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            connections.add(login(simulator));
        }
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Connection connection = connections.get(i);
            Random random = new Random(i);
            futures.add(pool.submit(() -> {
                try {
                    workload.run(connection, random, callsPerClient);
                } catch (Exception e) {
                    errors.incrementAndGet();
                    System.err.println(name + ": " + e);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        return new Row(name, (long) CLIENTS * callsPerClient, errors.get(), wall);
    }

    private static void print(List<Row> rows) {
        System.out.printf("%-40s %8s %7s %9s %10s %12s%n", "workload", "calls", "errors", "wall s", "calls/s",
                "mean ms/call");
        for (Row row : rows) {
            double seconds = row.wall().toNanos() / 1e9;
            double perSecond = row.calls() / seconds;
            double meanMs = CLIENTS * seconds * 1000 / row.calls();
            System.out.printf("%-40s %8d %7d %9.2f %10.0f %12.2f%n", row.name(), row.calls(), row.errors(), seconds,
                    perSecond, meanMs);
        }
    }
}
