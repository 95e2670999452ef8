package org.xcpbalancer.manager;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xcpbalancer.core.cli.CommonOptions;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.cli.Launcher;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.db.Database;
import org.xcpbalancer.core.energy.HostWatts;
import org.xcpbalancer.core.settings.SettingKeys;
import org.xcpbalancer.core.settings.Settings;
import org.xcpbalancer.core.settings.SettingsLoader;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.commands.Commands;
import org.xcpbalancer.manager.console.CommandRegistry;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ConsoleSession;
import org.xcpbalancer.manager.console.OutputFormat;
import org.xcpbalancer.manager.console.Prompter;
import org.xcpbalancer.manager.console.StreamLineSource;
import org.xcpbalancer.manager.console.TerminalConsole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * xcp-manager: the administrator's console. On a terminal it is interactive (JLine); with -e COMMAND, or with
 * commands piped on stdin, it runs them without questions and exits non-zero when any failed. It reads the
 * database only and writes only rules.
 */
@Command(name = "xcp-manager", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The administrator's console: the pool as last collected, and the balancing rules.",
                "Interactive on a terminal; -e COMMAND or piped commands for scripts. HELP inside lists the commands."})
public final class ManagerMain implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = {"-e", "--execute"}, paramLabel = "COMMAND",
            description = "Run this console command and exit (repeatable, run in order). Exit code non-zero if any failed.")
    private List<String> commands = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON document per command, for scripts.")
    private OutputFormat format;

    @Option(names = "--pool", paramLabel = "NAME", description = "Work on this pool (as USE POOL NAME does).")
    private String pool;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final boolean terminal;

    public ManagerMain() {
        this(System.in, System.out, System.err, Clock.systemUTC(), System.console() != null);
    }

    /** For tests: explicit streams and clock; terminal false runs piped input. */
    public ManagerMain(InputStream in, PrintStream out, PrintStream err, Clock clock, boolean terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        // stdout is data (reports, --format json) read by scripts: left as printed; stderr is a log, stamped.
        Launcher.stampStderr(ConsoleSession.PROGRAM, args);
        Launcher.main(ConsoleSession.PROGRAM, new ManagerMain(), args);
    }

    @Override
    public Integer call() {
        Settings settings = SettingsLoader.load(common.settingsFile(), SettingsLoader.Need.DATABASE);
        settings.printWarnings(ConsoleSession.PROGRAM, err);
        try (Database database = Database.open(settings.database())) {
            CommandRegistry registry = Commands.registry();
            ConsoleContext.Repositories repositories = ConsoleContext.Repositories.of(database, HostWatts.from(settings));
            Optional<PoolRef> chosen = Optional.ofNullable(pool).map(name -> repositories.poolStates().pool(name)
                    .orElseThrow(() -> new UserFacingException(ExitCode.BAD_INPUT,
                            "--pool: no pool named or with uuid '" + InputEcho.shown(name) + "' in the database")));
            if (commands.isEmpty() && terminal) {
                return new TerminalConsole(registry, repositories, clock, settings.get(SettingKeys.MANAGER_STALE_AFTER),
                        settings.get(SettingKeys.MANAGER_HISTORY_FILE)).run(format, chosen, common.debug()).code();
            }
            PrintWriter output = new PrintWriter(out, true, StandardCharsets.UTF_8);
            PrintWriter errors = new PrintWriter(err, true, StandardCharsets.UTF_8);
            ConsoleContext context = new ConsoleContext(repositories, Prompter.none(), clock,
                    settings.get(SettingKeys.MANAGER_STALE_AFTER));
            ConsoleSession.Mode mode = commands.isEmpty() ? ConsoleSession.Mode.PIPED : ConsoleSession.Mode.SCRIPT;
            ConsoleSession session = new ConsoleSession(registry, context, format, output, errors, mode, common.debug());
            chosen.ifPresent(context::usePool);
            if (mode == ConsoleSession.Mode.SCRIPT) {
                for (String command : commands) {
                    if (!session.execute(command)) {
                        break;
                    }
                }
                return session.exitCode().code();
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return session.run(new StreamLineSource(reader, output, false)).code();
        }
    }
}
