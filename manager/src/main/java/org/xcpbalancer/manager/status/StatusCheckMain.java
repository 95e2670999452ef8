package org.xcpbalancer.manager.status;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jooq.exception.DataAccessException;
import org.xcpbalancer.core.cli.CommonOptions;
import org.xcpbalancer.core.cli.CredentialMask;
import org.xcpbalancer.core.cli.ErrorText;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.core.state.PoolStateRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * xcp-status: a Nagios/Icinga/Zabbix check of the balancer. Exit codes follow the Nagios plugin guidelines, not
 * the other programs' list: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. A database that cannot be reached is
 * CRITICAL (nothing can be collected or balanced then); UNKNOWN is kept for the check's own trouble (bad
 * options or settings), as the guidelines ask. Reads only; never migrates the schema.
 */
@Command(name = "xcp-status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Nagios/Icinga/Zabbix check: is every pool collected, controlled, not paused?",
                "One line 'STATE - text | perfdata'; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."})
public final class StatusCheckMain implements Callable<Integer> {
    private static final String PROGRAM = "xcp-status";

    @Mixin
    private CommonOptions common;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1m",
            description = "How often xcp-collect and xcp-control run (default ${DEFAULT-VALUE}); the thresholds default to 2 and 5 of it.")
    private String interval;

    @Option(names = {"-w", "--warning"}, paramLabel = "DURATION",
            description = "Collection (and control run) age that is WARNING (default: 2 intervals).")
    private String warning;

    @Option(names = {"-c", "--critical"}, paramLabel = "DURATION",
            description = "Collection (and control run) age that is CRITICAL (default: 5 intervals).")
    private String critical;

    @Option(names = "--pool", paramLabel = "NAME", description = "Check this pool only (default: every pool in the database).")
    private String pool;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    public StatusCheckMain() {
        this(System.out, System.err, Clock.systemUTC());
    }

    public StatusCheckMain(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        // stdout is the Nagios line and perfdata, parsed by the monitoring: left as printed; stderr is stamped.
        Launcher.stampStderr(PROGRAM, args);
        System.exit(new StatusCheckMain().run(args));
    }

    /** Runs the check; returns its Nagios exit code. Every failure is one line on stdout, as Nagios shows it. */
    public int run(String... args) {
        Launcher.configureLogging(List.of(args).contains("--debug"));
        CommandLine commandLine = Launcher.commandLine(PROGRAM, this);
        // not the other programs' exit codes (ProgramHelp): a monitoring check speaks the Nagios plugin's
        commandLine.getCommandSpec().usageMessage().exitCodeList(Map.of("0", "OK", "1", "WARNING: data getting old, "
                + "balancing paused or the last control run failed", "2", "CRITICAL: data too old, never collected, or the "
                + "database unreachable", "3", "UNKNOWN: bad options or settings, or the check itself failed")
                .entrySet().stream().sorted(Map.Entry.comparingByKey())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        java.util.LinkedHashMap::new)));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler((ex, ignored) -> unknown(ex.getMessage() + " (try --help)"));
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> failure(ex));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        NagiosCheck.Thresholds limits = thresholds();
        Settings settings = SettingsLoader.load(common.settingsFile(), SettingsLoader.Need.DATABASE);
        settings.printWarnings(PROGRAM, err);
        try (Database database = Database.connect(settings.database())) {
            PoolStateRepository pools = new PoolStateRepository(database);
            List<PoolRef> checked = pool == null ? pools.pools() : List.of(pools.pool(pool).orElseThrow(() ->
                    new UserFacingException(ExitCode.BAD_INPUT, "--pool: no pool named or with uuid '" + pool + "' in the database")));
            StatusRepository status = new StatusRepository(database);
            Instant now = clock.instant();
            NagiosCheck.Result result = NagiosCheck.judge(checked.stream().map(p -> status.status(p, now)).toList(), limits);
            out.println(result.line());
            return result.state().exitCode();
        }
    }

    private NagiosCheck.Thresholds thresholds() {
        Duration every = duration("--interval", interval);
        Duration warn = warning == null ? every.multipliedBy(2) : duration("--warning", warning);
        Duration crit = critical == null ? every.multipliedBy(5) : duration("--critical", critical);
        if (every.isZero() || warn.compareTo(crit) > 0) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "--warning " + DurationFormat.format(warn)
                    + " must not be above --critical " + DurationFormat.format(crit) + ", and --interval not 0");
        }
        return new NagiosCheck.Thresholds(warn, crit, warn, crit);
    }

    private static Duration duration(String option, String text) {
        try {
            return DurationFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, option + " '" + text + "' " + e.getMessage());
        }
    }

    private int failure(Exception ex) {
        if (ex instanceof UserFacingException e && e.exitCode() == ExitCode.DATABASE_UNREACHABLE) {
            return critical(e.getMessage());
        }
        if (ex instanceof DataAccessException e) {
            return critical("the database cannot be read: " + ErrorText.rootCauseLine(e));
        }
        if (common != null && common.debug()) {
            err.print(CredentialMask.stackTrace(ex));
        }
        return unknown(ex instanceof UserFacingException ? ex.getMessage()
                : "unexpected error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
    }

    private int critical(String message) {
        out.println("CRITICAL - " + CredentialMask.mask(message));
        return NagiosCheck.State.CRITICAL.exitCode();
    }

    private int unknown(String message) {
        out.println("UNKNOWN - " + PROGRAM + ": " + CredentialMask.mask(message));
        return NagiosCheck.State.UNKNOWN.exitCode();
    }
}
