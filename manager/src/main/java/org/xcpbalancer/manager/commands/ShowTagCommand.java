package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcpbalancer.core.state.HostState;
import org.xcpbalancer.core.state.PoolState;
import org.xcpbalancer.core.state.VmState;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.CommandOutput;
import org.xcpbalancer.manager.console.CommandSyntax;
import org.xcpbalancer.manager.console.ConsoleCommand;
import org.xcpbalancer.manager.console.ConsoleContext;
import org.xcpbalancer.manager.console.ConsoleInputException;
import org.xcpbalancer.manager.console.ValueSource;

/** SHOW TAG &lt;tag&gt;: the hosts and VMs carrying an XAPI tag (e.g. xcp-balancer:label=ssd), by exact tag. */
public final class ShowTagCommand implements ConsoleCommand {
    private static final String USAGE = "SHOW TAG <tag>";

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of("SHOW TAG", USAGE, "the hosts and VMs carrying a tag (labels, groups, rules)")
                .completing(ValueSource.TAG);
    }

    @Override
    public CommandOutput execute(CommandArguments arguments, ConsoleContext context) {
        String tag = arguments.restAsName("a tag", USAGE).strip();
        PoolState state = context.poolState();
        List<HostState> hosts = state.hosts().stream().filter(h -> h.tags().contains(tag)).toList();
        List<VmState> vms = state.vms().stream().filter(v -> v.tags().contains(tag)).toList();
        if (hosts.isEmpty() && vms.isEmpty()) {
            throw new ConsoleInputException("no host or VM of pool " + state.pool().name() + " carries the tag '" + tag
                    + "' (Tab completes the tags in use)");
        }
        List<String> lines = new ArrayList<>();
        hosts.forEach(h -> lines.add("- host " + h.uuid() + " - " + h.name()));
        vms.forEach(v -> lines.add("- VM " + v.uuid() + " - " + v.name()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tag", tag);
        json.put("hosts", hosts.stream().map(h -> Map.of("uuid", h.uuid(), "name", h.name())).toList());
        json.put("vms", vms.stream().map(v -> Map.of("uuid", v.uuid(), "name", v.name())).toList());
        return CommandOutput.of(lines, json);
    }
}
