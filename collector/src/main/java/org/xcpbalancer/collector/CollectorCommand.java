package org.xcpbalancer.collector;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.xcpbalancer.core.cli.CommonOptions;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.MetricsFileOption;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.metrics.ProgramMetrics;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.xapi.XapiNotices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** xcp-collect: the command line over {@link CollectionService} and {@link IntervalCollector}. */
@Command(name = "xcp-collect", mixinStandardHelpOptions = true,
        description = {"Reads the pool's hosts, VMs and metrics through XAPI into the database and exits (run it "
                + "from cron every minute), or keeps doing so with --interval.",
            "Exit code 0 also when another collector is busy with this pool."})
public final class CollectorCommand implements Callable<Integer> {
    /** Shorter intervals would mostly re-read the same 5 s RRD row. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(5);
    /** On SIGTERM, how long the service may take to finish the collection in progress and log out. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    @Mixin
    private CommonOptions common;

    @Mixin
    private MetricsFileOption metricsFileOption;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Keep running, collecting every DURATION (e.g. 30s, 1m; at least 5s) with one XAPI session.")
    private String interval;

    private final PrintStream out;
    private final PrintStream err;

    public CollectorCommand() {
        this(System.out, System.err);
    }

    CollectorCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        Duration every = parseInterval();
        Settings settings = SettingsLoader.load(common.settingsFile(), SettingsLoader.Need.XAPI,
                SettingsLoader.Need.DATABASE);
        settings.printWarnings("xcp-collect", err);
        if (every == null) {
            try (RunDeadline deadline = RunDeadline.arm(settings.get(SettingKeys.COLLECT_RUN_TIMEOUT), err)) {
                return collectOnce(settings);
            }
        }
        try (Database database = Database.open(settings.database());
                CollectionService service = new CollectionService(database, CollectorSettings.from(settings),
                        Clock.systemUTC())) {
            try (ProgramMetrics metrics = ProgramMetrics.forService(settings)) {
                IntervalCollector loop = new IntervalCollector(service, settings.xapi(), every, out, err, metrics, database);
                loop.stopOnShutdown(STOP_GRACE);
                loop.run(Integer.MAX_VALUE);
            }
            return ExitCode.OK.code();
        }
    }

    private int collectOnce(Settings settings) {
        try (Database database = Database.open(settings.database());
                CollectionService service = new CollectionService(database, CollectorSettings.from(settings),
                        Clock.systemUTC())) {
            ProgramMetrics metrics = ProgramMetrics.forOneShot(metricsFileOption.metricsFile());
            try {
                CollectionResult result = service.collectOnce(settings.xapi(), XapiNotices.printedOnce("xcp-collect", err));
                CollectorMetrics.record(metrics.metrics(), result);
                out.println(result.summaryLine());
                result.warnings().forEach(w -> err.println("xcp-collect: warning: " + w));
                return ExitCode.OK.code();
            } catch (UserFacingException e) {
                metrics.metrics().failedCollection();
                throw e;
            } finally {
                metrics.runEnded(database);
            }
        }
    }

    private Duration parseInterval() {
        if (interval == null) {
            return null;
        }
        Duration every;
        try {
            every = DurationFormat.parse(interval);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "--interval " + interval + " " + e.getMessage());
        }
        if (every.compareTo(MIN_INTERVAL) < 0) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "--interval " + interval + " is shorter than "
                    + DurationFormat.format(MIN_INTERVAL));
        }
        return every;
    }
}
