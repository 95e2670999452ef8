package org.xcpbalancer.manager.commands;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.state.PoolRef;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ConsoleInputException;
import org.xcpbalancer.manager.console.ValueSource;
import org.xcpbalancer.manager.status.GuardStatus;
import org.xcpbalancer.manager.status.GuardStatusRepository;

/**
 * CONFIRM HOST DOWN &lt;host&gt;: the operator's proof that a host xcp-guard suspects dead is powered off, for
 * pools without a fence command; stored in GuardHost with the OS user, after which the guard restarts the host's
 * protected VMs elsewhere. On a terminal it asks first; with -e or piped input the typed command is the
 * confirmation (as DELETE RULE HOST &lt;subject&gt;). A host the guard holds up, or already fenced or confirmed, is
 * refused in one line: confirming a live host would let its VMs run twice.
 */
public final class ConfirmHostDownCommand implements ConsoleCommand {
    private static final String USAGE = "CONFIRM HOST DOWN <host name or uuid>";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("CONFIRM HOST DOWN", USAGE,
                "tell xcp-guard a host it suspects dead is powered off, so it restarts the host's VMs elsewhere")
                .completing(ValueSource.HOST);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        String key = arguments.restAsName("a host name or uuid", USAGE);
        PoolRef pool = context.pool();
        GuardStatus.Host host = context.guard().host(pool, key).orElseThrow(() -> new ConsoleInputException(
                "xcp-guard holds no host '" + key + "' in pool " + pool.name() + " (SHOW GUARD lists its hosts)"));
        refuseUnlessSuspected(host);
        if (context.prompter().interactive()) {
            context.prompter().say(host.name() + " is " + host.state() + " for xcp-guard (" + host.missedChecks()
                    + " missed check(s)). Once confirmed, it restarts the host's protected VMs on other hosts.");
            if (!context.prompter().confirm("Is " + host.name() + " powered off, so its VMs cannot run twice? [Y/N]")) {
                return CommandOutput.of(List.of("Nothing confirmed."), json(pool, host, false, null));
            }
        }
        String user = PauseBalancingCommand.osUser();
        Instant now = context.clock().instant();
        if (!context.guard().confirmDown(pool, host, user, now)) {
            GuardStatus.Host changed = context.guard().host(pool, host.uuid()).orElse(host);
            throw new ConsoleInputException(host.name() + " changed meanwhile (now " + changed.state()
                    + "): nothing confirmed");
        }
        return CommandOutput.of(List.of(host.name() + " confirmed down by " + user + ": xcp-guard restarts its "
                + "protected VMs elsewhere at its next check."), json(pool, host, true, user));
    }

    private static void refuseUnlessSuspected(GuardStatus.Host host) {
        if (GuardStatusRepository.CONFIRMABLE.contains(host.state())) {
            return;
        }
        if ("up".equals(host.state())) {
            throw new ConsoleInputException("xcp-guard does not suspect " + host.name() + " (it answers): only a "
                    + "host it suspects dead can be confirmed down");
        }
        throw new ConsoleInputException(host.name() + " is already " + host.state()
                + host.fencedBy().map(by -> " (fenced by " + by + ")").orElse("")
                + host.confirmedBy().map(by -> " (confirmed by " + by + ")").orElse("") + ": nothing to confirm");
    }

    private static Map<String, Object> json(PoolRef pool, GuardStatus.Host host, boolean confirmed, String user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pool", pool.name());
        json.put("host", host.name());
        json.put("hostUuid", host.uuid());
        json.put("confirmed", confirmed);
        json.put("confirmedBy", user);
        return json;
    }
}
