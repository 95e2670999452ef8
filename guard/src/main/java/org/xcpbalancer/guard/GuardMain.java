package org.xcpbalancer.guard;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.xcpbalancer.core.cli.CommonOptions;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.IntervalOption;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.cli.MetricsFileOption;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.metrics.ProgramMetrics;
import org.xcpbalancer.core.service.IntervalLoop;
import org.xcpbalancer.core.service.RunOwner;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.guard.act.ActionFence;
import org.xcpbalancer.guard.act.GuardXapi;
import org.xcpbalancer.guard.act.SdkGuardXapi;
import org.xcpbalancer.xapi.XapiNotices;
import org.xcpbalancer.xapi.XapiSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * xcp-guard: detects dead hosts, fences them and restarts their protected VMs elsewhere; brings crashed or hung
 * protected VMs back (docs/guard.md). One check by default (for cron), or a check every --interval as a service.
 */
@Command(name = "xcp-guard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restarts the protected VMs of dead hosts after fencing them, and brings crashed VMs back"
                + " (docs/guard.md)."})
public final class GuardMain implements Callable<Integer> {
    public static final String PROGRAM = "xcp-guard";
    /** How long a stop waits for the check in progress (a fence command may run up to guard.fenceTimeout). */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    @Mixin
    private CommonOptions common;

    @Mixin
    private MetricsFileOption metricsFileOption;

    @Option(names = "--dry-run", description = "Show what would be fenced, reset and restarted; act on nothing"
            + " (no fence command is run).")
    private boolean dryRun;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Check every DURATION (10s is the usual choice) until stopped, instead of once.")
    private String interval;

    @Option(names = "--pool", paramLabel = "NAME",
            description = "The pool xapi.url must lead to (name or uuid): a guard of the wrong pool stops at once.")
    private String pool;

    private final PrintStream out;
    private final PrintStream err;

    public GuardMain() {
        this(System.out, System.err);
    }

    public GuardMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Launcher.main(PROGRAM, args, GuardMain::new);
    }

    @Override
    public Integer call() {
        Duration every = parseInterval();
        Settings settings = SettingsLoader.load(common.settingsFile(), SettingsLoader.Need.DATABASE,
                SettingsLoader.Need.XAPI);
        settings.printWarnings(PROGRAM, err);
        GuardSettings guardSettings = GuardSettings.from(settings);
        Consumer<String> notices = XapiNotices.printedOnce(PROGRAM, err);
        Supplier<GuardXapi> xapis = () -> new SdkGuardXapi(XapiSession.open(settings.xapi(), notices));
        RunOwner me = RunOwner.current();
        try (Database database = Database.open(settings.database());
                GuardService service = new GuardService(database, xapis, guardSettings,
                        GuardStages.standard(guardSettings), ActionFence.NONE, owner(me),
                        Clock.systemUTC(), out::println)) {
            String owner = owner(me);
            if (every == null) {
                ProgramMetrics metrics = ProgramMetrics.forOneShot(metricsFileOption.metricsFile());
                GuardMetrics guardMetrics = new GuardMetrics(metrics.metrics(), database, owner);
                try {
                    if (check(service, guardMetrics) != GuardService.Outcome.BLOCKED) {
                        out.println(service.lastSummary());
                    }
                    return ExitCode.OK.code();
                } finally {
                    metrics.runEnded(database);
                }
            }
            try (ProgramMetrics metrics = ProgramMetrics.forService(settings)) {
                GuardMetrics guardMetrics = new GuardMetrics(metrics.metrics(), database, owner);
                IntervalLoop loop = new IntervalLoop(PROGRAM, every, out, err);
                loop.stopOnShutdown(STOP_GRACE);
                loop.run(Integer.MAX_VALUE, () -> {
                    try {
                        check(service, guardMetrics);
                    } finally {
                        metrics.runEnded(database);
                    }
                });
                return ExitCode.OK.code();
            }
        }
    }

    private Duration parseInterval() {
        return IntervalOption.parse(interval, "10s, 30s, 1m");
    }

    /** The check, counted in the metrics whatever its end. */
    private GuardService.Outcome check(GuardService service, GuardMetrics guardMetrics) {
        GuardService.Outcome outcome;
        try {
            outcome = service.checkOnce(Optional.ofNullable(pool), dryRun);
        } catch (RuntimeException e) {
            guardMetrics.failed();
            throw e;
        }
        guardMetrics.checked(service, outcome);
        return outcome;
    }

    private static String owner(RunOwner me) {
        return me.host() + ":" + me.pid();
    }
}
