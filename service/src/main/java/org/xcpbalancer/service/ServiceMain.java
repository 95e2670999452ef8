package org.xcpbalancer.service;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.xcpbalancer.core.cli.CommonOptions;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.metrics.ProgramMetrics;
import org.xcpbalancer.core.settings.DatabaseSettings;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.service.lease.LeaseTiming;
import org.xcpbalancer.service.pools.PoolDirectory;
import org.xcpbalancer.service.run.ServiceMetrics;
import org.xcpbalancer.service.run.ServiceRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * xcp-service: collection and control of every pool of the pools.d folder in one process, until SIGTERM. Any
 * number of instances on any machines share the pools through leases in the database (docs/operations.md).
 */
@Command(name = "xcp-service", mixinStandardHelpOptions = true,
        description = {"Collects and controls every pool of service.poolsDirectory (one NAME.properties per pool) "
                + "until stopped; instances sharing one database share the pools (docs/operations.md).",
            "Exit codes: 0 stopped (SIGTERM, Ctrl-C); 2 bad settings or unreadable pools folder; 5 database unreachable "
                + "at start; 1 anything else."})
public final class ServiceMain implements Callable<Integer> {
    public static final String PROGRAM = "xcp-service";
    static final int MIN_CONNECTIONS = 16;

    @Mixin
    private CommonOptions common;

    private final PrintStream out;
    private final PrintStream err;

    public ServiceMain() {
        this(System.out, System.err);
    }

    public ServiceMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Launcher.main(PROGRAM, args, ServiceMain::new);
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = SettingsLoader.load(common.settingsFile(), SettingsLoader.Need.DATABASE);
        settings.printWarnings(PROGRAM, err);
        Path base = settings.source().toAbsolutePath().getParent();
        PoolDirectory directory = new PoolDirectory(base.resolve(settings.get(SettingKeys.SERVICE_POOLS_DIRECTORY)),
                new SettingsLoader(System.getenv()), line -> err.println(PROGRAM + ": " + line));
        int pools = directory.scan().size(); // an unreadable folder is bad input, before anything connects
        ServiceMetrics metrics = new ServiceMetrics();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        installStopHook(stop, stopped);
        try (ProgramMetrics endpoint = ProgramMetrics.forService(settings, metrics.balancerMetrics());
                Database database = Database.open(connections(settings.database(), pools));
                Database leaseDatabase = Database.connect(leaseConnections(settings.database()))) {
            ServiceRuntime runtime = new ServiceRuntime(database, leaseDatabase, directory, instanceName(settings), hostName(),
                    new LeaseTiming(settings.get(SettingKeys.SERVICE_LEASE_RENEWAL)), out, metrics);
            runtime.start();
            if (endpoint.port() > 0) {
                out.println(PROGRAM + ": Prometheus metrics on port " + endpoint.port() + " (/metrics, metrics.listen)");
            }
            try {
                stop.await();
            } finally {
                runtime.close();
            }
        } finally {
            stopped.countDown();
        }
        return ExitCode.OK.code();
    }

    /**
     * SIGTERM and Ctrl-C: the main thread stops the runtime cleanly (collections finish, leases are given up),
     * then the JVM exits 0 rather than 143/130.
     */
    private static void installStopHook(CountDownLatch stop, CountDownLatch stopped) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.getCount() == 0) {
                return; // the service ended on its own (an error at start): keep its exit code
            }
            stop.countDown();
            try {
                stopped.await(ServiceRuntime.STOP_GRACE.toSeconds() + 15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0);
        }, "xcp-service-stop"));
    }

    /**
     * Each pool's collection and control run hold a connection for their pool lock while they work (a control run
     * following migrations, for minutes), and need another to write: two per pool and a few spare, at least 16,
     * sized on the pools at start; db.maxPoolSize only raises it.
     */
    static DatabaseSettings connections(DatabaseSettings configured, int pools) {
        int wanted = Math.max(MIN_CONNECTIONS, 2 * pools + 4);
        return configured.maxPoolSize() >= wanted ? configured : new DatabaseSettings(configured.jdbcUrl(),
                configured.username(), configured.password(), wanted, configured.connectTimeout());
    }

    /** The lease manager's own two connections: renewals must not queue behind 50 pools' collections. */
    static DatabaseSettings leaseConnections(DatabaseSettings configured) {
        return new DatabaseSettings(configured.jdbcUrl(), configured.username(), configured.password(), 2,
                configured.connectTimeout());
    }

    private static String instanceName(Settings settings) {
        return settings.optional(SettingKeys.SERVICE_INSTANCE_NAME)
                .orElse(hostName() + ":" + ProcessHandle.current().pid());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
