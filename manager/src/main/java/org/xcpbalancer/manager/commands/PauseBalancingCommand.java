package org.xcpbalancer.manager.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.core.settings.DurationFormat;
import org.xcpbalancer.core.state.PoolPause;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ConsoleInputException;

/**
 * PAUSE BALANCING [FOR duration] [REASON text]: xcp-control moves nothing in the pool in use until RESUME
 * BALANCING or the end of the duration. Stored in PoolPause with the OS user who typed it; a new pause replaces
 * the one in force.
 */
public final class PauseBalancingCommand implements ConsoleCommand {
    private static final String USAGE = "PAUSE BALANCING [FOR <duration>] [REASON <text>]";
    private static final Duration LONGEST = Duration.ofDays(365);

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("PAUSE BALANCING", USAGE,
                "xcp-control moves nothing in this pool until RESUME BALANCING or the duration (e.g. FOR 2h) ends")
                .withClauses(List.of("FOR", "REASON"));
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        Optional<Duration> duration = Optional.empty();
        if (arguments.acceptKeyword("FOR")) {
            duration = Optional.of(duration(arguments.nextWord("a duration after FOR (e.g. 30m, 2h, 1d)", USAGE)));
        }
        Optional<String> reason = Optional.empty();
        if (arguments.acceptKeyword("REASON")) {
            reason = Optional.of(arguments.restAsName("a text after REASON", USAGE).strip()).filter(r -> !r.isEmpty());
        }
        arguments.expectEnd(USAGE);
        PoolRef pool = context.pool();
        Instant now = context.clock().instant();
        PoolPause pause = context.pauses().pause(pool.id(), now, duration.map(now::plus), osUser(), reason);
        String line = "Balancing of pool " + pool.name() + " paused " + ShowStatusCommand.pauseText(pause, now)
                + ". xcp-control moves nothing until then.";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("pause", json(pause));
        return CommandOutput.of(List.of(line), json);
    }

    private static Duration duration(String typed) {
        Duration duration;
        try {
            duration = DurationFormat.parse(typed);
        } catch (IllegalArgumentException e) {
            throw new ConsoleInputException("FOR '" + InputEcho.shown(typed) + "' " + e.getMessage());
        }
        if (duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new ConsoleInputException("FOR takes a duration from 1s to 365d, not '" + InputEcho.shown(typed)
                    + "' (without FOR the pause lasts until RESUME BALANCING)");
        }
        return duration;
    }

    /** Who paused: the OS account running the console (the database account is shared by every administrator). */
    static String osUser() {
        return System.getProperty("user.name", "unknown");
    }

    static Map<String, Object> json(PoolPause p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("by", p.pausedBy());
        json.put("since", p.pausedAt().toString());
        json.put("until", p.pausedUntil().map(Instant::toString).orElse(null));
        json.put("reason", p.reason().orElse(null));
        return json;
    }
}
