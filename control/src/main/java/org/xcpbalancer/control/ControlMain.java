package org.xcpbalancer.control;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.xcpbalancer.control.execute.MigrationExecutor;
import org.xcpbalancer.control.execute.MigrationGateway;
import org.xcpbalancer.control.execute.ProgressReporter;
import org.xcpbalancer.control.execute.XapiMigrationGateway;
import org.xcpbalancer.control.log.ControlRunLog;
import org.xcpbalancer.control.maintenance.MaintenanceCommand;
import org.xcpbalancer.control.plan.StrategyChain;
import org.xcpbalancer.control.strategy.StrategyRegistry;
import org.xcpbalancer.core.cli.CommonOptions;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.MetricsFileOption;
import org.xcpbalancer.core.cli.IntervalOption;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.metrics.ProgramMetrics;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.xapi.XapiNotices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * xcp-control: enforces the pool rules with live migrations. One run by default (for cron), or a run every
 * --interval as a service. A thin command over {@link ControlService}.
 */
@Command(name = "xcp-control", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Enforces the pool's rules with live migrations (docs/control.md)."})
public final class ControlMain implements Callable<Integer> {
    public static final String PROGRAM = "xcp-control";

    @Mixin
    private CommonOptions common;

    @Mixin
    private MetricsFileOption metricsFileOption;

    @Option(names = "--dry-run", description = "Print the plan with reasons and predicted values; change nothing.")
    private boolean dryRun;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Run every DURATION (e.g. 1m) until stopped, instead of once.")
    private String interval;

    @Option(names = "--pool", paramLabel = "NAME",
            description = "The pool to act on (name or uuid), when the database holds several.")
    private String pool;

    @Option(names = "--evacuate", paramLabel = "HOST",
            description = "Maintenance: disable HOST (name or uuid) and move its running VMs to other hosts with the same"
                    + " checks as balancing; it stays disabled (exit 10 when some VMs cannot leave, listed with why)."
                    + " With --dry-run: the plan only. Recorded for xcp-service when it leases the pool.")
    private String evacuate;

    @Option(names = "--reason", paramLabel = "TEXT", description = "With --evacuate: why, stored and shown by SHOW HOST.")
    private String reason;

    @Option(names = "--enable", paramLabel = "HOST",
            description = "End HOST's maintenance: enable it, so that balancing fills it again.")
    private String enable;

    private final PrintStream out;
    private final PrintStream err;

    public ControlMain() {
        this(System.out, System.err);
    }

    public ControlMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Launcher.main(PROGRAM, args, ControlMain::new);
    }

    @Override
    public Integer call() throws InterruptedException {
        Duration every = parseInterval();
        Settings settings = dryRun
                ? SettingsLoader.load(common.settingsFile(), SettingsLoader.Need.DATABASE)
                : SettingsLoader.load(common.settingsFile(), SettingsLoader.Need.DATABASE, SettingsLoader.Need.XAPI);
        settings.printWarnings(PROGRAM, err);
        StrategyChain strategies = StrategyRegistry.chain(settings);
        MigrationExecutor.Limits limits = new MigrationExecutor.Limits(
                settings.get(SettingKeys.CONTROL_MAX_CONCURRENT_MIGRATIONS),
                settings.get(SettingKeys.CONTROL_MIGRATION_TIMEOUT), settings.get(SettingKeys.CONTROL_PROGRESS_INTERVAL));
        Consumer<String> notices = XapiNotices.printedOnce(PROGRAM, err);
        Supplier<MigrationGateway> gateways = () -> {
            if (settings.optional(SettingKeys.XAPI_URL).isEmpty()) {
                throw new UserFacingException(ExitCode.BAD_INPUT, settings.source()
                        + ": xapi.url is needed to tell which pool to act on (or give --pool)");
            }
            return XapiMigrationGateway.open(settings.xapi(), notices);
        };
        try (Database database = Database.open(settings.database())) {
            ControlService service = new ControlService(database, strategies, limits, gateways, out,
                    out == System.out ? ProgressReporter.forStdout() : ProgressReporter.lines(out), Clock.systemUTC());
            if (evacuate != null || enable != null || reason != null) {
                return maintenance(new MaintenanceCommand(database, service, out, Clock.systemUTC()), every).code();
            }
            if (every == null) {
                ProgramMetrics metrics = ProgramMetrics.forOneShot(metricsFileOption.metricsFile());
                try {
                    ControlService.RunResult result = service.runOnce(Optional.ofNullable(pool), dryRun);
                    ControlMetrics.record(metrics.metrics(), service.lastPoolName(), result);
                    return result.exitCode().code();
                } catch (UserFacingException e) {
                    metrics.metrics().controlRun(ControlRunLog.Outcome.FAILED.dbValue());
                    throw e;
                } finally {
                    metrics.runEnded(database);
                }
            }
            try (ProgramMetrics metrics = ProgramMetrics.forService(settings)) {
                return new ServiceLoop(service, every, out, err).run(Optional.ofNullable(pool), dryRun, result -> {
                    metrics.runEnded(database);
                    ControlMetrics.record(metrics.metrics(), service.lastPoolName(), result);
                }).code();
            }
        }
    }

    private ExitCode maintenance(MaintenanceCommand command, Duration every) throws InterruptedException {
        if (reason != null && evacuate == null) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "--reason goes with --evacuate HOST");
        }
        if (every != null || (evacuate != null && enable != null)) {
            throw new UserFacingException(ExitCode.BAD_INPUT, (every != null ? "--interval" : "--enable")
                    + " cannot be combined with " + (evacuate != null ? "--evacuate" : "--enable") + ": one host, one run");
        }
        return evacuate != null ? command.evacuate(Optional.ofNullable(pool), evacuate, dryRun, Optional.ofNullable(reason))
                : command.enable(Optional.ofNullable(pool), enable, dryRun);
    }

    private Duration parseInterval() {
        return IntervalOption.parse(interval, "30s, 1m, 5m");
    }
}
